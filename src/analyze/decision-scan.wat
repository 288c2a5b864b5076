;; The decision rows' kernel (decision-scan.ts): DecisionScan.run of decision-rows.ts over one page of the store's
;; columns, written into this memory by the caller, with the same float64 operations in the same order, so that
;; every figure equals the JavaScript pass's to the bit. WebAssembly runs at once at a speed JavaScript reaches only
;; once its loop is optimised, and this runs once, after the input. The caller lays the memory out and passes each
;; region's byte address, so the layout is declared in one place (decision-scan.ts). Its one limit: a Memory Size
;; from 0 below 16384 (the index of sizes is a table), else `scan` answers 0 and the JavaScript pass runs.
(module
  (memory (export "memory") 1)

  (global $kills (export "kills") (mut i32) (i32.const 0))
  (global $lastSize (mut i32) (i32.const -1))
  (global $x (mut i32) (i32.const 0))

  ;; The rows [0, $rows) of the page in the columns: flags u8, timestamp f64, tool i32, Max Memory Used i32, Memory
  ;; Size i32, billed ms f64, stream i32 (one per row, at $flags, $ts, …). 1 when done, 0 when a size is outside the
  ;; table (the outputs are then not to be read).
  (func (export "scan")
    (param $rows i32) (param $windowed i32) (param $start f64) (param $end f64) (param $origin f64) (param $groups i32)
    (param $flagsAt i32) (param $tsAt i32) (param $toolAt i32) (param $usedAt i32) (param $sizeAt i32) (param $billedAt i32)
    (param $streamAt i32)
    ;; outputs and tables: the size index of each size (i32 by size), the group of each tool + 2 (i32), each size
    ;; index's next place (i32), Max Memory Used and billed ms by place (f64), by size index × groups + group:
    ;; invocations and billed sums (f64), by size index: first and last report time (f64), the kills (group, Max
    ;; Memory Used, Memory Size: i32 each), by stream: 11 f64 (n, Σt, Σm, Σt², Σm², Σtm, first and last warm t,
    ;; latest t, its kill 0 or 1, its size)
    (param $sizeIndexAt i32) (param $groupOfToolAt i32) (param $filledAt i32) (param $usedOutAt i32) (param $billedOutAt i32)
    (param $groupNAt i32) (param $groupBilledAt i32) (param $firstAt i32) (param $lastAt i32) (param $killsAt i32)
    (param $streamsAt i32)
    (result i32)
    (local $s i32) (local $flags i32) (local $ts f64) (local $size i32) (local $x i32) (local $m f64) (local $billed f64)
    (local $at i32) (local $group i32) (local $a i32) (local $killed i32) (local $j i32) (local $t f64) (local $r i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $s) (local.get $rows)))
        (block $next
          (local.set $flags (i32.load8_u (i32.add (local.get $flagsAt) (local.get $s))))
          (br_if $next (i32.eqz (i32.and (local.get $flags) (i32.const 1))))
          (local.set $ts (f64.load (i32.add (local.get $tsAt) (i32.shl (local.get $s) (i32.const 3)))))
          ;; the rows tallyRows counts: a report, inside [start, end) when a window was asked for
          (if (local.get $windowed)
            (then (br_if $next (i32.eqz (i32.and (f64.ge (local.get $ts) (local.get $start)) (f64.lt (local.get $ts) (local.get $end)))))))
          (local.set $size (i32.load (i32.add (local.get $sizeAt) (i32.shl (local.get $s) (i32.const 2)))))
          (if (i32.ne (local.get $size) (global.get $lastSize))
            (then
              (if (i32.ge_u (local.get $size) (i32.const 16384)) (then (return (i32.const 0))))
              (global.set $x (i32.load (i32.add (local.get $sizeIndexAt) (i32.shl (local.get $size) (i32.const 2)))))
              (global.set $lastSize (local.get $size))))
          (local.set $x (global.get $x))
          (local.set $m (f64.convert_i32_s (i32.load (i32.add (local.get $usedAt) (i32.shl (local.get $s) (i32.const 2))))))
          (local.set $billed (f64.load (i32.add (local.get $billedAt) (i32.shl (local.get $s) (i32.const 3)))))
          ;; its place among its size's values
          (local.set $a (i32.add (local.get $filledAt) (i32.shl (local.get $x) (i32.const 2))))
          (local.set $at (i32.load (local.get $a)))
          (i32.store (local.get $a) (i32.add (local.get $at) (i32.const 1)))
          (f64.store (i32.add (local.get $usedOutAt) (i32.shl (local.get $at) (i32.const 3))) (local.get $m))
          (f64.store (i32.add (local.get $billedOutAt) (i32.shl (local.get $at) (i32.const 3))) (local.get $billed))
          (local.set $group (i32.load (i32.add (local.get $groupOfToolAt)
            (i32.shl (i32.add (i32.load (i32.add (local.get $toolAt) (i32.shl (local.get $s) (i32.const 2)))) (i32.const 2)) (i32.const 2)))))
          (local.set $a (i32.shl (i32.add (i32.mul (local.get $x) (local.get $groups)) (local.get $group)) (i32.const 3)))
          (f64.store (i32.add (local.get $groupNAt) (local.get $a))
            (f64.add (f64.load (i32.add (local.get $groupNAt) (local.get $a))) (f64.const 1)))
          (f64.store (i32.add (local.get $groupBilledAt) (local.get $a))
            (f64.add (f64.load (i32.add (local.get $groupBilledAt) (local.get $a))) (local.get $billed)))
          (local.set $a (i32.shl (local.get $x) (i32.const 3)))
          (if (f64.lt (local.get $ts) (f64.load (i32.add (local.get $firstAt) (local.get $a))))
            (then (f64.store (i32.add (local.get $firstAt) (local.get $a)) (local.get $ts))))
          (if (f64.gt (local.get $ts) (f64.load (i32.add (local.get $lastAt) (local.get $a))))
            (then (f64.store (i32.add (local.get $lastAt) (local.get $a)) (local.get $ts))))
          ;; a kill for memory: the report's Error Type or a `signal: killed` line (OUT_OF_MEMORY_FLAGS)
          (local.set $killed (i32.ne (i32.and (local.get $flags) (i32.const 40)) (i32.const 0)))
          (if (local.get $killed)
            (then
              (local.set $a (i32.add (local.get $killsAt) (i32.mul (global.get $kills) (i32.const 12))))
              (i32.store (local.get $a) (local.get $group))
              (i32.store offset=4 (local.get $a) (i32.trunc_f64_s (local.get $m)))
              (i32.store offset=8 (local.get $a) (local.get $size))
              (global.set $kills (i32.add (global.get $kills) (i32.const 1)))))
          (local.set $j (i32.load (i32.add (local.get $streamAt) (i32.shl (local.get $s) (i32.const 2)))))
          (local.set $t (f64.div (f64.sub (local.get $ts) (local.get $origin)) (f64.const 1000)))
          (br_if $next (i32.eq (local.get $j) (i32.const -1)))
          (br_if $next (f64.ne (local.get $t) (local.get $t)))
          (local.set $r (i32.add (local.get $streamsAt) (i32.mul (local.get $j) (i32.const 88))))
          ;; the latest report of the stream, warm or cold (NaN until the first: !(t < NaN))
          (if (i32.eqz (f64.lt (local.get $t) (f64.load offset=64 (local.get $r))))
            (then
              (f64.store offset=64 (local.get $r) (local.get $t))
              (f64.store offset=72 (local.get $r) (f64.convert_i32_u (local.get $killed)))
              (f64.store offset=80 (local.get $r) (f64.convert_i32_s (local.get $size)))))
          ;; the sums over warm invocations (no Flag.coldStart)
          (br_if $next (i32.and (local.get $flags) (i32.const 2)))
          (f64.store (local.get $r) (f64.add (f64.load (local.get $r)) (f64.const 1)))
          (f64.store offset=8 (local.get $r) (f64.add (f64.load offset=8 (local.get $r)) (local.get $t)))
          (f64.store offset=16 (local.get $r) (f64.add (f64.load offset=16 (local.get $r)) (local.get $m)))
          (f64.store offset=24 (local.get $r) (f64.add (f64.load offset=24 (local.get $r)) (f64.mul (local.get $t) (local.get $t))))
          (f64.store offset=32 (local.get $r) (f64.add (f64.load offset=32 (local.get $r)) (f64.mul (local.get $m) (local.get $m))))
          (f64.store offset=40 (local.get $r) (f64.add (f64.load offset=40 (local.get $r)) (f64.mul (local.get $t) (local.get $m))))
          (if (f64.lt (local.get $t) (f64.load offset=48 (local.get $r)))
            (then (f64.store offset=48 (local.get $r) (local.get $t))))
          (if (f64.gt (local.get $t) (f64.load offset=56 (local.get $r)))
            (then (f64.store offset=56 (local.get $r) (local.get $t)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $row)))
    (i32.const 1))
)
