;; The row tally's kernel (row-tally.ts): the rows of an invocation store added up a page at a time, and the values
;; at given ranks of their durations found by selection. It is tallyRows' twin, for the common shape of a store
;; (at most MAX_GROUPS operations, Memory Size and Max Memory Used from 0 below 16384): a row outside it makes
;; `tally` answer 0, and tallyRows adds the store up itself. WebAssembly runs at once at a speed JavaScript reaches
;; only once its loop is optimised, and this runs once, after the input.
;;
;; Memory (byte offsets):
;;   0x001000  group of each tool number + 2, i32 (at most 1022 tools)
;;   0x002000  each group's totals, 128 bytes: invocations, cold starts, timeouts, out of memory, peak RSS, peak
;;             heap, duration sum (f64 each, in that order), its place in the grouped durations (i32, at +56), and
;;             the sum of its Max Memory Used (f64, at +64)
;;   0x010000  one page of the store's columns, written by the caller: flags u8 (at 0x10000), tool i32 (0x14000),
;;             Max Memory Used i32 (0x24000), Memory Size i32 (0x34000), then f64: timestamp (0x44000), billed
;;             ms (0x64000), duration ms (0x84000), tracker peak RSS (0xa4000) and heap (0xc4000)
;;   0x100000  totals by Memory Size (16384 sizes, 40 bytes): invocations, timeouts, out of memory, largest Max
;;             Memory Used, billed ms (f64 each)
;;   0x1a0000  each group's counts of Max Memory Used, f64 by value (16384 values, 128 KiB a group)
;;   0x3a0000  the counts of Max Memory Used of all groups together
;;   0x3c0000  the Memory Sizes in the order they were first seen (i32)
;;   0x400000  the durations of the counted rows in row order (f64), then their groups (i32), then the durations
;;             by group (f64): room for `capacity` rows each, laid out by `begin`
(module
  (memory (export "memory") 64)

  (global $capacity (mut i32) (i32.const 0))
  (global $rowsAt (mut i32) (i32.const 0x400000))
  (global $groupsAt (mut i32) (i32.const 0))
  (global $groupedAt (mut i32) (i32.const 0))
  (global $counted (export "counted") (mut i32) (i32.const 0))
  (global $withoutReport (export "withoutReport") (mut i32) (i32.const 0))
  (global $untimedExcluded (export "untimedExcluded") (mut i32) (i32.const 0))
  (global $aboveSize (export "aboveSize") (mut i32) (i32.const 0))
  (global $sizesSeen (export "sizesSeen") (mut i32) (i32.const 0))
  (global $durationSum (export "durationSum") (mut f64) (f64.const 0))
  (global $latestTs (mut f64) (f64.const -inf))
  (global $latestSize (export "latestSize") (mut i32) (i32.const -1))

  ;; Lays the row regions out for `capacity` rows, growing the memory to hold them; 0 when it cannot grow.
  (func (export "begin") (param $capacity i32) (result i32)
    (local $end i32) (local $pages i32)
    (global.set $capacity (local.get $capacity))
    (global.set $groupsAt (i32.add (global.get $rowsAt) (i32.shl (local.get $capacity) (i32.const 3))))
    (global.set $groupedAt (i32.add (global.get $groupsAt) (i32.shl (local.get $capacity) (i32.const 2))))
    (local.set $end (i32.add (global.get $groupedAt) (i32.shl (local.get $capacity) (i32.const 3))))
    (local.set $pages (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 0xffff)) (i32.const 16)) (memory.size)))
    (if (i32.gt_s (local.get $pages) (i32.const 0))
      (then (if (i32.eq (memory.grow (local.get $pages)) (i32.const -1)) (then (return (i32.const 0))))))
    (i32.const 1))

  ;; Adds up the `rows` rows of the page in the columns; the window is [$start, $end) when $windowed. 0 when a row
  ;; is outside the kernel's shape (the totals are then not to be read).
  (func (export "tally") (param $rows i32) (param $windowed i32) (param $start f64) (param $end f64) (result i32)
    (local $s i32) (local $flags i32) (local $ts f64) (local $g i32) (local $used i32) (local $size i32)
    (local $d f64) (local $at i32) (local $x f64) (local $y f64) (local $t f64)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $s) (local.get $rows)))
        (block $next
          (local.set $flags (i32.load8_u offset=0x10000 (local.get $s)))
          (if (i32.eqz (i32.and (local.get $flags) (i32.const 1)))
            (then
              (global.set $withoutReport (i32.add (global.get $withoutReport) (i32.const 1)))
              (br $next)))
          (local.set $ts (f64.load offset=0x44000 (i32.shl (local.get $s) (i32.const 3))))
          (if (local.get $windowed)
            (then
              (if (i32.eqz (i32.and (f64.ge (local.get $ts) (local.get $start)) (f64.lt (local.get $ts) (local.get $end))))
                (then
                  (if (f64.ne (local.get $ts) (local.get $ts))
                    (then (global.set $untimedExcluded (i32.add (global.get $untimedExcluded) (i32.const 1)))))
                  (br $next)))))
          (local.set $used (i32.load offset=0x24000 (i32.shl (local.get $s) (i32.const 2))))
          (local.set $size (i32.load offset=0x34000 (i32.shl (local.get $s) (i32.const 2))))
          (if (i32.or (i32.ge_u (local.get $used) (i32.const 16384)) (i32.ge_u (local.get $size) (i32.const 16384)))
            (then (return (i32.const 0))))
          ;; the group of the tool (NO_TOOL is -1, MANY_TOOLS -2)
          (local.set $g (i32.load offset=0x1000
            (i32.shl (i32.add (i32.load offset=0x14000 (i32.shl (local.get $s) (i32.const 2))) (i32.const 2)) (i32.const 2))))
          (local.set $d (f64.load offset=0x84000 (i32.shl (local.get $s) (i32.const 3))))
          (global.set $durationSum (f64.add (global.get $durationSum) (local.get $d)))
          (f64.store (i32.add (global.get $rowsAt) (i32.shl (global.get $counted) (i32.const 3))) (local.get $d))
          (i32.store (i32.add (global.get $groupsAt) (i32.shl (global.get $counted) (i32.const 2))) (local.get $g))
          (global.set $counted (i32.add (global.get $counted) (i32.const 1)))

          (local.set $at (i32.shl (local.get $g) (i32.const 7)))
          (f64.store offset=0x2000 (local.get $at) (f64.add (f64.load offset=0x2000 (local.get $at)) (f64.const 1)))
          (if (i32.and (local.get $flags) (i32.const 2))
            (then (f64.store offset=0x2008 (local.get $at) (f64.add (f64.load offset=0x2008 (local.get $at)) (f64.const 1)))))
          (if (i32.and (local.get $flags) (i32.const 20))
            (then (f64.store offset=0x2010 (local.get $at) (f64.add (f64.load offset=0x2010 (local.get $at)) (f64.const 1)))))
          (if (i32.and (local.get $flags) (i32.const 40))
            (then (f64.store offset=0x2018 (local.get $at) (f64.add (f64.load offset=0x2018 (local.get $at)) (f64.const 1)))))
          ;; the tracker's peaks: the larger where NaN means none seen
          (local.set $x (f64.load offset=0xa4000 (i32.shl (local.get $s) (i32.const 3))))
          (if (f64.eq (local.get $x) (local.get $x))
            (then
              (local.set $y (f64.load offset=0x2020 (local.get $at)))
              (f64.store offset=0x2020 (local.get $at)
                (select (local.get $x) (f64.max (local.get $y) (local.get $x)) (f64.ne (local.get $y) (local.get $y))))))
          (local.set $x (f64.load offset=0xc4000 (i32.shl (local.get $s) (i32.const 3))))
          (if (f64.eq (local.get $x) (local.get $x))
            (then
              (local.set $y (f64.load offset=0x2028 (local.get $at)))
              (f64.store offset=0x2028 (local.get $at)
                (select (local.get $x) (f64.max (local.get $y) (local.get $x)) (f64.ne (local.get $y) (local.get $y))))))
          (f64.store offset=0x2030 (local.get $at) (f64.add (f64.load offset=0x2030 (local.get $at)) (local.get $d)))
          (f64.store offset=0x2040 (local.get $at)
            (f64.add (f64.load offset=0x2040 (local.get $at)) (f64.convert_i32_s (local.get $used))))
          (local.set $at (i32.shl (local.get $used) (i32.const 3)))
          (f64.store offset=0x3a0000 (local.get $at) (f64.add (f64.load offset=0x3a0000 (local.get $at)) (f64.const 1)))
          (local.set $at (i32.add (i32.shl (local.get $g) (i32.const 17)) (local.get $at)))
          (f64.store offset=0x1a0000 (local.get $at) (f64.add (f64.load offset=0x1a0000 (local.get $at)) (f64.const 1)))

          (if (i32.gt_s (local.get $used) (local.get $size))
            (then (global.set $aboveSize (i32.add (global.get $aboveSize) (i32.const 1)))))
          (local.set $at (i32.mul (local.get $size) (i32.const 40)))
          (local.set $x (f64.load offset=0x100000 (local.get $at)))
          (if (f64.eq (local.get $x) (f64.const 0))
            (then
              (i32.store offset=0x3c0000 (i32.shl (global.get $sizesSeen) (i32.const 2)) (local.get $size))
              (global.set $sizesSeen (i32.add (global.get $sizesSeen) (i32.const 1)))))
          (f64.store offset=0x100000 (local.get $at) (f64.add (local.get $x) (f64.const 1)))
          (if (i32.and (local.get $flags) (i32.const 20))
            (then (f64.store offset=0x100008 (local.get $at) (f64.add (f64.load offset=0x100008 (local.get $at)) (f64.const 1)))))
          (if (i32.and (local.get $flags) (i32.const 40))
            (then (f64.store offset=0x100010 (local.get $at) (f64.add (f64.load offset=0x100010 (local.get $at)) (f64.const 1)))))
          (f64.store offset=0x100018 (local.get $at)
            (f64.max (f64.load offset=0x100018 (local.get $at)) (f64.convert_i32_s (local.get $used))))
          (f64.store offset=0x100020 (local.get $at)
            (f64.add (f64.load offset=0x100020 (local.get $at)) (f64.load offset=0x64000 (i32.shl (local.get $s) (i32.const 3)))))
          ;; the Memory Size of the latest report (no time ranks lowest; of equal times, the larger size)
          (local.set $t (select (f64.const -inf) (local.get $ts) (f64.ne (local.get $ts) (local.get $ts))))
          (if (i32.or (i32.lt_s (global.get $latestSize) (i32.const 0))
                (i32.or (f64.gt (local.get $t) (global.get $latestTs))
                  (i32.and (f64.eq (local.get $t) (global.get $latestTs)) (i32.gt_s (local.get $size) (global.get $latestSize)))))
            (then
              (global.set $latestTs (local.get $t))
              (global.set $latestSize (local.get $size)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $row)))
    (i32.const 1))

  ;; Copies the durations into groups, each group's in row order, after its place at +56 of its totals (set by
  ;; the caller).
  (func (export "group")
    (local $i i32) (local $at i32) (local $place i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $i) (global.get $counted)))
        (local.set $at (i32.shl (i32.load (i32.add (global.get $groupsAt) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 7)))
        (local.set $place (i32.load offset=0x2038 (local.get $at)))
        (f64.store (i32.add (global.get $groupedAt) (i32.shl (local.get $place) (i32.const 3)))
          (f64.load (i32.add (global.get $rowsAt) (i32.shl (local.get $i) (i32.const 3)))))
        (i32.store offset=0x2038 (local.get $at) (i32.add (local.get $place) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row))))

  ;; Where the durations lie: in row order (0), or by group (1).
  (func (export "durationsAt") (param $grouped i32) (result i32)
    (select (global.get $groupedAt) (global.get $rowsAt) (local.get $grouped)))

  ;; Rewrites the `n` durations at $at as keys that order as Float64Array.prototype.sort orders the values
  ;; (-0 before +0, every NaN last and equal).
  (func (export "keys") (param $at i32) (param $n i32)
    (local $end i32) (local $x f64) (local $bits i64)
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $x (f64.load (local.get $at)))
        (local.set $bits (i64.reinterpret_f64 (local.get $x)))
        (i64.store (local.get $at)
          (if (result i64) (f64.ne (local.get $x) (local.get $x))
            (then (i64.const 0x7fffffffffffffff))
            (else
              (if (result i64) (i64.lt_s (local.get $bits) (i64.const 0))
                (then (i64.xor (local.get $bits) (i64.const 0x7fffffffffffffff)))
                (else (local.get $bits))))))
        (local.set $at (i32.add (local.get $at) (i32.const 8)))
        (br $each))))

  ;; Rearranges the keys at $at[$from, $to) so that the one at index $k is the one a sort would put there, none
  ;; after it ordering before it and none before it after it (quickselect, median of three), and returns its value.
  (func (export "select") (param $at i32) (param $from i32) (param $to i32) (param $k i32) (result f64)
    (local $lo i32) (local $hi i32) (local $mid i32) (local $i i32) (local $j i32) (local $pivot i64) (local $key i64)
    (local.set $lo (local.get $from))
    (local.set $hi (i32.sub (local.get $to) (i32.const 1)))
    (block $found
      (loop $narrow
        (br_if $found (i32.le_s (local.get $hi) (local.get $lo)))
        (local.set $mid (i32.add (local.get $lo) (i32.shr_s (i32.sub (local.get $hi) (local.get $lo)) (i32.const 1))))
        (if (i64.lt_s (i64.load (i32.add (local.get $at) (i32.shl (local.get $mid) (i32.const 3)))) (i64.load (i32.add (local.get $at) (i32.shl (local.get $lo) (i32.const 3)))))
          (then (call $swap (local.get $at) (local.get $mid) (local.get $lo))))
        (if (i64.lt_s (i64.load (i32.add (local.get $at) (i32.shl (local.get $hi) (i32.const 3)))) (i64.load (i32.add (local.get $at) (i32.shl (local.get $lo) (i32.const 3)))))
          (then (call $swap (local.get $at) (local.get $hi) (local.get $lo))))
        (if (i64.lt_s (i64.load (i32.add (local.get $at) (i32.shl (local.get $hi) (i32.const 3)))) (i64.load (i32.add (local.get $at) (i32.shl (local.get $mid) (i32.const 3)))))
          (then (call $swap (local.get $at) (local.get $hi) (local.get $mid))))
        (local.set $pivot (i64.load (i32.add (local.get $at) (i32.shl (local.get $mid) (i32.const 3)))))
        (local.set $i (local.get $lo))
        (local.set $j (local.get $hi))
        (block $split
          (loop $step
            (br_if $split (i32.gt_s (local.get $i) (local.get $j)))
            (block $stop
              (loop $up
                (br_if $stop (i64.ge_s (i64.load (i32.add (local.get $at) (i32.shl (local.get $i) (i32.const 3)))) (local.get $pivot)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $up)))
            (block $stop
              (loop $down
                (br_if $stop (i64.le_s (i64.load (i32.add (local.get $at) (i32.shl (local.get $j) (i32.const 3)))) (local.get $pivot)))
                (local.set $j (i32.sub (local.get $j) (i32.const 1)))
                (br $down)))
            (if (i32.le_s (local.get $i) (local.get $j))
              (then
                (call $swap (local.get $at) (local.get $i) (local.get $j))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (local.set $j (i32.sub (local.get $j) (i32.const 1)))))
            (br $step)))
        ;; now [lo, j] orders at or before the pivot, [i, hi] at or after it, and (j, i) equals it
        (if (i32.le_s (local.get $k) (local.get $j))
          (then (local.set $hi (local.get $j)) (br $narrow)))
        (if (i32.ge_s (local.get $k) (local.get $i))
          (then (local.set $lo (local.get $i)) (br $narrow)))))
    (local.set $key (i64.load (i32.add (local.get $at) (i32.shl (local.get $k) (i32.const 3)))))
    (f64.reinterpret_i64
      (select (i64.xor (local.get $key) (i64.const 0x7fffffffffffffff)) (local.get $key) (i64.lt_s (local.get $key) (i64.const 0)))))

  (func $swap (param $at i32) (param $i i32) (param $j i32)
    (local $a i32) (local $b i32) (local $t i64)
    (local.set $a (i32.add (local.get $at) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $b (i32.add (local.get $at) (i32.shl (local.get $j) (i32.const 3))))
    (local.set $t (i64.load (local.get $a)))
    (i64.store (local.get $a) (i64.load (local.get $b)))
    (i64.store (local.get $b) (local.get $t)))
)
