#!/bin/sh
# EC57 noise stress test: each record with NSTDB noise added by PhysioNet's nst at 24, 18, 12, 6 and 0 dB (nst's
# standard protocol: noise in alternate 2-minute periods after the 5-minute learning period, SNR measured on the
# reference beats), then scored with `openecg eval --protocol ec57` for openecg and for gqrs on the same records.
# Usage: tools/eval/noise-stress.sh <wfdb-prefix> <record dir> <nstdb dir> <work dir> rec... > table.md
#   (WFDB built with ../shared/tools/wfdb/build.sh; run from a built checkout)
# Environment: NOISES (default "bw ma"), SNRS (default "24 18 12 6 0"), LEAD (default 0).
set -eu
PREFIX=$(cd "$1" && pwd); RECDIR=$(cd "$2" && pwd); NSTDB=$(cd "$3" && pwd); mkdir -p "$4"; WORK=$(cd "$4" && pwd)
shift 4
CHECKOUT=$(cd "$(dirname "$0")/../.." && pwd)
NOISES=${NOISES:-bw ma}; SNRS=${SNRS:-24 18 12 6 0}; LEAD=${LEAD:-0}
export PATH="$PREFIX/bin:$PATH" LD_LIBRARY_PATH="$PREFIX/lib" WFDB=.
cd "$WORK"
for n in $NOISES; do ln -sf "$NSTDB/$n.hea" "$NSTDB/$n.dat" .; done
for r in "$@"; do for e in hea dat atr; do ln -sf "$RECDIR/$r.$e" .; done; done
echo "| noise | SNR dB | openecg Se | openecg +P | gqrs Se | gqrs +P |"
echo "|---|---:|---:|---:|---:|---:|"
for n in $NOISES; do
  for s in $SNRS; do
    d="$WORK/$n$s"; mkdir -p "$d"; : > "$d/RECORDS"
    for r in "$@"; do
      o="${r}_$n$s"
      [ -f "$d/$o.hea" ] || { nst -i "$r" "$n" -o "$o" -s "$s" -a atr < /dev/null > /dev/null 2>&1 && mv "$o.hea" "$o.dat" "$o.atr" "$d/"; }
      (cd "$d" && { [ -f "$o.gqrs" ] || gqrs -r "$o" -s "$LEAD" -o gqrs > /dev/null 2>&1; })
      echo "$o" >> "$d/RECORDS"
    done
    [ -f "$d/oecg.json" ] || node "$CHECKOUT/bin/openecg.js" eval "$d" --protocol ec57 --lead "$LEAD" --json > "$d/oecg.json"
    node "$CHECKOUT/bin/openecg.js" eval "$d" --protocol ec57 --annotator gqrs --json > "$d/gqrs.json"
    node -e '
      const [a, b, n, s] = process.argv.slice(1).map((x, i) => (i < 2 ? require(x).gross.qrs : x));
      const p = (v) => (v === null ? "–" : (100 * v).toFixed(2));
      console.log(`| ${n} | ${s} | ${p(a.se)} | ${p(a.ppv)} | ${p(b.se)} | ${p(b.ppv)} |`);' \
      "$d/oecg.json" "$d/gqrs.json" "$n" "$s"
  done
done
