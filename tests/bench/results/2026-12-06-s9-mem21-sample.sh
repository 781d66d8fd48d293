#!/bin/bash
# usage: sample.sh BIN NETDIR TAG
BIN=$1; NET=$2; TAG=$3
/usr/bin/time -f '%e s %U u %S s %M KB' -o /tmp/mem21-$TAG.time $BIN analyze --progress --format json $NET/network.json > /tmp/mem21-$TAG.json 2>/tmp/mem21-$TAG.err &
TP=$!
sleep 0.2
PID=$(pgrep -P $TP | head -1)
start=$(date +%s.%N)
while kill -0 $PID 2>/dev/null; do
  r=$(grep VmRSS /proc/$PID/status 2>/dev/null | awk '{print $2}')
  t=$(echo "$(date +%s.%N) - $start" | bc)
  echo "$t $r $(tail -c 80 /tmp/mem21-$TAG.err | tr '\r\n' '  ' | tail -c 60)"
  sleep 0.5
done > /tmp/mem21-$TAG.rss
wait $TP
cat /tmp/mem21-$TAG.time
