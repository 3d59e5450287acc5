# The handler: the event is $1; what goes to stdout is the response, stderr goes to the log.
handler() {
  EVENT_DATA="$1"
  echo "Event: ${EVENT_DATA}" 1>&2
  printf '{"echo":%s,"shell":"%s"}' "${EVENT_DATA:-null}" "$(basename "$(readlink -f /proc/$$/exe)")"
}
