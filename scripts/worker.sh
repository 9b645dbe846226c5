#!/bin/sh
# judge worker end to end against a real redis-server: 2 workers, 300 jobs,
# one worker SIGKILLed mid-job and Redis killed and restarted during the run
# (scripts/worker-e2e.py says what is checked); then a worker over TCP with an
# ACL user and a password, and result retention.
# usage: sh scripts/worker.sh JUDGE [net]    (net: only the TCP part)
set -eu
for tool in redis-server /usr/bin/python3; do
	command -v "$tool" >/dev/null || { echo "worker: $tool is missing: run scripts/deps.sh as root" >&2; exit 1; }
done
/usr/bin/python3 -c 'import redis' 2>/dev/null ||
	{ echo "worker: python3-redis is missing: run scripts/deps.sh as root" >&2; exit 1; }
exec /usr/bin/python3 "$(dirname "$0")/worker-e2e.py" "$@"
