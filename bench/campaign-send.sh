#!/usr/bin/env bash
# Campaign delivery: 100,000 personalised e-mails rendered and accepted by Postfix's smtp-sink,
# through the delivery engine (claims, checks, rendering, MIME, pooled SMTP, outcome records), with
# a raw SMTP baseline (pre-built messages, no database) in the same run.
#   bench/campaign-send.sh [--db h2|mariadb] [--recipients N] [--pool P] [--batch B]
# Needs smtp-sink (Debian package postfix; the Postfix daemon itself need not run). smtp-sink is
# started on 127.0.0.1:2525, never port 25, and stopped at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sink=$(command -v smtp-sink || echo /usr/sbin/smtp-sink)
[ -x "$sink" ] || { echo "smtp-sink not found: apt-get install -y postfix" >&2; exit 1; }
./mvnw -q -B -ntp -DskipTests package -pl bench -am
# smtp-sink refuses to run as root without -u: it then drops to the postfix user.
user_opt=()
[ "$(id -u)" = 0 ] && user_opt=(-u postfix)
"$sink" "${user_opt[@]}" -c 127.0.0.1:2525 1000 > bench/target/smtp-sink.log 2>&1 &
sink_pid=$!
trap 'kill $sink_pid 2>/dev/null || true' EXIT
sleep 1
java -Xmx2g -cp "bench/target/affinity-bench.jar:$(cat bench/target/classpath.txt)" \
  io.affinity.bench.campaign.CampaignSendBench --smtp-port 2525 "$@"
