#!/bin/bash
# Runs the real CLI in serve mode on a copy of the 5-year file and the tour; prints RSS idle/peak/after.
cp /tmp/servemem/year-orig.db /tmp/servemem/year.db; rm -rf /tmp/servemem/data /tmp/servemem/downloads
cd /work/wt/scale
DASHLIGHT_DATA_DIR=/tmp/servemem/data node bin/dashlight.js run --serve --port 0 --db /tmp/servemem/year.db --interval 1s --quiet > /tmp/servemem/out.txt 2>&1 &
PID=$!
for i in $(seq 1 100); do grep -q "dashboard:" /tmp/servemem/out.txt && break; sleep 0.5; done
URL=$(grep -o "http\S*" /tmp/servemem/out.txt | head -1)
sleep 20
rss() { awk '/VmRSS/{print int($2/1000)}' /proc/$PID/status; }
echo idle $(rss)
node -e "
const { tour } = await import('/work/wt/scale/.prof/serve-tour.mjs');
const u = new URL(process.argv[1]); const token = u.searchParams.get('token');
for (const { method, input } of tour(Date.now())) { const r = await fetch(u.origin + '/api/' + method, { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body: input === undefined ? '' : JSON.stringify(input) }); const b = await r.json(); if (!b.ok) console.log('fail', method, JSON.stringify(b.error).slice(0,200)); }
" "$URL" &
TOUR=$!
PEAK=0; while kill -0 $TOUR 2>/dev/null; do R=$(rss); [ "$R" -gt "$PEAK" ] && PEAK=$R; sleep 0.25; done
echo peak $PEAK after-tour $(rss)
sleep 60; echo after60 $(rss)
kill -INT $PID; wait $PID
rm -rf /tmp/servemem/downloads /tmp/servemem/data
