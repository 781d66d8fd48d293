#!/bin/bash
# usage: 2026-12-06-s14-overlap-run.sh BUILD TAG (deep 1e6 analyze from CSV): /usr/bin/time -v,
# the --progress stages timestamped, RSS every 0.6 s; writes /tmp/s14-overlap-TAG.*, deletes the JSON
B=$1; TAG=$2
D=/work/bench9/net-deep-1e6-s1-2084b91b; T=$(awk 'NR > 1 {print $1}' $D/gen.txt | paste -sd, -)
uptime
t0=$(date +%s.%N)
( /usr/bin/time -v -o /tmp/s14-overlap-$TAG.time $B/chokepoint analyze --progress --format json \
    --tiers $T $D/nodes.csv $D/edges.csv -o /tmp/s14-overlap-$TAG.json 2>&1 |
  while read -r l; do printf '%.2f %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$l"; done \
  > /tmp/s14-overlap-$TAG.stages ) &
sleep 0.3
P=$(pgrep -f "^$B/chokepoint analyze --progress" | head -1)
while [ -n "$P" ] && kill -0 $P 2>/dev/null; do
  r=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$P/status 2>/dev/null)
  printf '%.1f %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$r"
  sleep 0.6
done > /tmp/s14-overlap-$TAG.rss
wait
printf '%.2f end\n' "$(echo "$(date +%s.%N) - $t0" | bc)" >> /tmp/s14-overlap-$TAG.stages
grep -E 'Elapsed|User time|System time|Maximum resident' /tmp/s14-overlap-$TAG.time
grep -E 'flow at risk|single|end' /tmp/s14-overlap-$TAG.stages | tr '\n' ';'; echo
sha256sum /tmp/s14-overlap-$TAG.json | cut -c1-64
rm -f /tmp/s14-overlap-$TAG.json
uptime
