// The handler: index.handler. Runs under the official Node.js runtime interface client (aws-lambda-ric).
export const handler = async (event, context) => {
  console.log(`event for ${context.functionName}:`, JSON.stringify(event));
  return {
    echo: event,
    requestId: context.awsRequestId,
    remainingMs: context.getRemainingTimeInMillis(),
    node: process.version,
    pid: process.pid,
  };
};
