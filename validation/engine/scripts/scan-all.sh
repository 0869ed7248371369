#!/bin/bash
# Scans the three suites with OLD, MID, NEW, one at a time.
cd .
C=corpus-cache
declare -A IN
IN[dbcp2]="$C/commons-dbcp2-2.13.0-tests.jar $C/commons-dbcp2-2.13.0-test-sources.jar $C/commons-dbcp2-2.13.0.jar"
IN[vfs2]="$C/commons-vfs2-2.10.0-tests.jar $C/commons-vfs2-2.10.0-test-sources.jar $C/commons-vfs2-2.10.0.jar"
IN[kafka]="$C/kafka-clients-3.9.0-test.jar $C/kafka-clients-3.9.0-test-sources.jar $C/kafka-clients-3.9.0.jar"
for s in dbcp2 vfs2 kafka; do
  for j in old mid new; do
    extra=""; [ $j = new ] && extra="--no-cache"
    start=$(date +%s)
    nice -n 10 java -jar $j.jar scan ${IN[$s]} -q -f json -o out/$s-$j.json $extra 2> out/$s-$j.err
    echo "$s $j rc=$? $(( $(date +%s) - start ))s" >> out/times.txt
  done
done
