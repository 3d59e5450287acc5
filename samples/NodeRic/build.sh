#!/bin/sh
# Installs aws-lambda-ric 3.3.0 into this folder from package-lock.json (npm ci: reproducible).
# 3.3.0 is the newest release that runs on Node 20 (4.x needs Node >= 22); its install scripts build curl and
# aws-lambda-cpp from sources bundled in the npm package, then a node-gyp addon against the local Node headers,
# so no download happens besides the npm package itself. Debian packages needed:
#   apt-get install -y nodejs npm cmake make g++ python3 autoconf automake libtool
# (Node's headers come with Debian's/NodeSource's nodejs package in /usr/include/node.)
set -eu
cd "$(dirname "$0")"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
# npm >= 11 gates install scripts: package.json's allowScripts approves aws-lambda-ric's; make sure they ran.
if [ ! -f node_modules/aws-lambda-ric/dist/rapid-client.node ]; then
  npm rebuild aws-lambda-ric
fi
test -f node_modules/aws-lambda-ric/dist/rapid-client.node
echo "aws-lambda-ric $(node -p 'require("./node_modules/aws-lambda-ric/package.json").version') installed; package with: zip -r fn.zip bootstrap index.mjs package.json node_modules"
