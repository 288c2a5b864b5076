;; One pass over a block of log bytes, 16 bytes a step (WebAssembly SIMD), finding every newline and every record
;; marker: the work of one native search per line plus six whole-block searches (sources/file/block-scan.ts). Then,
;; where the block (or the JSON strings unescaped from it) lies in this memory: the timestamps of the lines that may
;; open events, and twins of the byte readers of parse/ for the common records.
;; Assembled by scripts/build-wasm.mjs into block-scan-wasm.ts; block-scan.ts holds the layout below.
;;
;; Memory layout (bytes):
;;   [0x000000, 0x040040)  the block (at most 0x40000 bytes), then zeros the last 16-byte loads may touch
;;   [0x040100, 0x040200)  markers: 8 records of 32 bytes: pair byte a, pair byte b, offset of the pair in the
;;                         marker, marker length (<= 28), the marker's bytes
;;   [0x040200, 0x04020c)  written by scan: the number of newlines, the number of marker hits, and 1 when the
;;                         block may hold a carriage return or a Unicode separator (E2 80 xx, E2 81 xx), else 0
;;   [0x040400, 0x140400)  offsets, ascending (i32): of every newline, of the newlines followed by an ASCII digit
;;                         (the lines that may open a timestamped event), or of every byte of JSON's structure:
;;                         " , : [ ] { }
;;   [0x140400, 0x240400)  marker hits: start * 8 + marker index (i32), in the order their pairs occur
;;   [0x240400, 0x280440)  JSON strings of the block unescaped by `unescape` (at most the block's length), then room
;;                         for a last 16-byte store
;;   [0x04020c, 0x040210)  written by unescape: the number of bytes it wrote
;;   [0x280500, 0x280548)  written by the record readers (report, statistics, frame, toolName): see them below
;;   [0x280600, 0x280800)  constants: the literals the record readers compare, and 10^0 ... 10^15 as f64
;;   [0x290000, 0x390000)  written by stamps: the time (f64, epoch milliseconds) of the line after each listed newline
;;   [0x390000, 0x410000)  written by stamps: its length (i32), -1 for no timestamp, -2 for one left to JavaScript
;;   [0x040210, 0x040250)  written by events: what it found besides the list below (see it)
;;   [0x040260, 0x040268)  the MarkerSeen bits of each needle's hits (u8), for events
;;   [0x410000, 0x480000)  written by events: the events holding a marker, 32 bytes each
(module
  (memory (export "memory") 72)

  ;; whether the marker of record $rec occurs at $start of a block of $len bytes
  (func $markerAt (param $rec i32) (param $start i32) (param $len i32) (result i32)
    (local $n i32) (local $k i32)
    (local.set $n (i32.load8_u offset=3 (local.get $rec)))
    (if (i32.lt_s (local.get $start) (i32.const 0)) (then (return (i32.const 0))))
    (if (i32.gt_u (i32.add (local.get $start) (local.get $n)) (local.get $len)) (then (return (i32.const 0))))
    (block $differs
      (loop $next
        (br_if $differs (i32.ge_u (local.get $k) (local.get $n)))
        (if (i32.ne (i32.load8_u (i32.add (local.get $start) (local.get $k)))
                    (i32.load8_u offset=4 (i32.add (local.get $rec) (local.get $k))))
          (then (return (i32.const 0))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (i32.const 1))

  ;; scans bytes [0, $len) with the first $markers records (1 to 8; records past them must repeat a used pair);
  ;; $newlines: 0 lists nothing, 1 every newline, 2 the newlines followed by an ASCII digit, 3 every " , : [ ] { }
  (func (export "scan") (param $len i32) (param $markers i32) (param $newlines i32)
    (local $i i32) (local $newlineBits i32) (local $pairBits i32) (local $keep i32) (local $unclear i32)
    (local $listMask i32) (local $digitLed i32) (local $structure i32) (local $zero v128) (local $ten v128)
    (local $quote v128) (local $comma v128) (local $colon v128) (local $x20 v128) (local $open v128) (local $close v128)
    (local $lower v128)
    (local $p i32) (local $k i32) (local $rec i32)
    (local $newlinesOut i32) (local $hitsOut i32)
    (local $v0 v128) (local $v1 v128) (local $pairs v128) (local $newline v128)
    (local $cr v128) (local $e2 v128) (local $x80 v128) (local $x81 v128)
    (local $a0 v128) (local $b0 v128) (local $a1 v128) (local $b1 v128) (local $a2 v128) (local $b2 v128)
    (local $a3 v128) (local $b3 v128) (local $a4 v128) (local $b4 v128) (local $a5 v128) (local $b5 v128)
    (local $a6 v128) (local $b6 v128) (local $a7 v128) (local $b7 v128)
    (local.set $newline (i8x16.splat (i32.const 10)))
    (local.set $structure (i32.eq (local.get $newlines) (i32.const 3)))
    (local.set $quote (i8x16.splat (i32.const 0x22)))
    (local.set $comma (i8x16.splat (i32.const 0x2c)))
    (local.set $colon (i8x16.splat (i32.const 0x3a)))
    (local.set $x20 (i8x16.splat (i32.const 0x20)))
    ;; with 0x20 set, [ and { are both {, ] and } both }
    (local.set $open (i8x16.splat (i32.const 0x7b)))
    (local.set $close (i8x16.splat (i32.const 0x7d)))
    (local.set $zero (i8x16.splat (i32.const 0x30)))
    (local.set $ten (i8x16.splat (i32.const 10)))
    (local.set $listMask (i32.sub (i32.const 0) (i32.ne (local.get $newlines) (i32.const 0))))
    (local.set $digitLed (i32.eq (local.get $newlines) (i32.const 2)))
    ;; the byte after the block is read as the one after its last newline: it must not pass for a digit
    (i32.store8 (local.get $len) (i32.const 0))
    (local.set $cr (i8x16.splat (i32.const 13)))
    (local.set $e2 (i8x16.splat (i32.const 0xe2)))
    (local.set $x80 (i8x16.splat (i32.const 0x80)))
    (local.set $x81 (i8x16.splat (i32.const 0x81)))
    (local.set $a0 (i8x16.splat (i32.load8_u (i32.const 0x040100))))
    (local.set $b0 (i8x16.splat (i32.load8_u (i32.const 0x040101))))
    (local.set $a1 (i8x16.splat (i32.load8_u (i32.const 0x040120))))
    (local.set $b1 (i8x16.splat (i32.load8_u (i32.const 0x040121))))
    (local.set $a2 (i8x16.splat (i32.load8_u (i32.const 0x040140))))
    (local.set $b2 (i8x16.splat (i32.load8_u (i32.const 0x040141))))
    (local.set $a3 (i8x16.splat (i32.load8_u (i32.const 0x040160))))
    (local.set $b3 (i8x16.splat (i32.load8_u (i32.const 0x040161))))
    (local.set $a4 (i8x16.splat (i32.load8_u (i32.const 0x040180))))
    (local.set $b4 (i8x16.splat (i32.load8_u (i32.const 0x040181))))
    (local.set $a5 (i8x16.splat (i32.load8_u (i32.const 0x0401a0))))
    (local.set $b5 (i8x16.splat (i32.load8_u (i32.const 0x0401a1))))
    (local.set $a6 (i8x16.splat (i32.load8_u (i32.const 0x0401c0))))
    (local.set $b6 (i8x16.splat (i32.load8_u (i32.const 0x0401c1))))
    (local.set $a7 (i8x16.splat (i32.load8_u (i32.const 0x0401e0))))
    (local.set $b7 (i8x16.splat (i32.load8_u (i32.const 0x0401e1))))
    (local.set $newlinesOut (i32.const 0x040400))
    (local.set $hitsOut (i32.const 0x140400))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $v0 (v128.load (local.get $i)))
        (local.set $v1 (v128.load offset=1 (local.get $i)))
        (if (local.get $structure)
          (then
            (local.set $lower (v128.or (local.get $v0) (local.get $x20)))
            (local.set $newlineBits (i8x16.bitmask (v128.or
              (v128.or (i8x16.eq (local.get $v0) (local.get $quote))
                       (v128.or (i8x16.eq (local.get $v0) (local.get $comma)) (i8x16.eq (local.get $v0) (local.get $colon))))
              (v128.or (i8x16.eq (local.get $lower) (local.get $open)) (i8x16.eq (local.get $lower) (local.get $close)))))))
          (else
            (local.set $newlineBits (i32.and (local.get $listMask) (i8x16.bitmask (i8x16.eq (local.get $v0) (local.get $newline)))))))
        (if (local.get $digitLed)
          (then
            (local.set $newlineBits (i32.and (local.get $newlineBits)
              (i8x16.bitmask (i8x16.lt_u (i8x16.sub (local.get $v1) (local.get $zero)) (local.get $ten)))))))
        ;; bytes i where (b[i], b[i+1]) is some marker's pair
        (local.set $pairs (v128.and (i8x16.eq (local.get $v0) (local.get $a0)) (i8x16.eq (local.get $v1) (local.get $b0))))
        (local.set $pairs (v128.or (local.get $pairs) (v128.and (i8x16.eq (local.get $v0) (local.get $a1)) (i8x16.eq (local.get $v1) (local.get $b1)))))
        (local.set $pairs (v128.or (local.get $pairs) (v128.and (i8x16.eq (local.get $v0) (local.get $a2)) (i8x16.eq (local.get $v1) (local.get $b2)))))
        (local.set $pairs (v128.or (local.get $pairs) (v128.and (i8x16.eq (local.get $v0) (local.get $a3)) (i8x16.eq (local.get $v1) (local.get $b3)))))
        (local.set $pairs (v128.or (local.get $pairs) (v128.and (i8x16.eq (local.get $v0) (local.get $a4)) (i8x16.eq (local.get $v1) (local.get $b4)))))
        (local.set $pairs (v128.or (local.get $pairs) (v128.and (i8x16.eq (local.get $v0) (local.get $a5)) (i8x16.eq (local.get $v1) (local.get $b5)))))
        (local.set $pairs (v128.or (local.get $pairs) (v128.and (i8x16.eq (local.get $v0) (local.get $a6)) (i8x16.eq (local.get $v1) (local.get $b6)))))
        (local.set $pairs (v128.or (local.get $pairs) (v128.and (i8x16.eq (local.get $v0) (local.get $a7)) (i8x16.eq (local.get $v1) (local.get $b7)))))
        (local.set $pairBits (i8x16.bitmask (local.get $pairs)))
        ;; the last step may run past the block
        (local.set $keep (i32.const -1))
        (if (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $len))
          (then
            (local.set $keep (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $len) (local.get $i))) (i32.const 1)))
            (local.set $newlineBits (i32.and (local.get $newlineBits) (local.get $keep)))
            (local.set $pairBits (i32.and (local.get $pairBits) (local.get $keep)))))
        ;; a carriage return, or E2 80 / E2 81 (the second byte may lie past the block: then it only errs on the safe side)
        (local.set $unclear (i32.or (local.get $unclear) (i32.and (local.get $keep) (i8x16.bitmask
          (v128.or (i8x16.eq (local.get $v0) (local.get $cr))
                   (v128.and (i8x16.eq (local.get $v0) (local.get $e2))
                             (v128.or (i8x16.eq (local.get $v1) (local.get $x80)) (i8x16.eq (local.get $v1) (local.get $x81)))))))))
        (block $newlinesDone
          (loop $newlineBit
            (br_if $newlinesDone (i32.eqz (local.get $newlineBits)))
            (i32.store (local.get $newlinesOut) (i32.add (local.get $i) (i32.ctz (local.get $newlineBits))))
            (local.set $newlinesOut (i32.add (local.get $newlinesOut) (i32.const 4)))
            (local.set $newlineBits (i32.and (local.get $newlineBits) (i32.sub (local.get $newlineBits) (i32.const 1))))
            (br $newlineBit)))
        (block $pairsDone
          (loop $pairBit
            (br_if $pairsDone (i32.eqz (local.get $pairBits)))
            (local.set $p (i32.add (local.get $i) (i32.ctz (local.get $pairBits))))
            (local.set $k (i32.const 0))
            (block $markersDone
              (loop $marker
                (br_if $markersDone (i32.ge_u (local.get $k) (local.get $markers)))
                (local.set $rec (i32.add (i32.const 0x040100) (i32.shl (local.get $k) (i32.const 5))))
                (if (i32.and
                      (i32.eq (i32.load8_u (local.get $p)) (i32.load8_u (local.get $rec)))
                      (i32.eq (i32.load8_u offset=1 (local.get $p)) (i32.load8_u offset=1 (local.get $rec))))
                  (then
                    (if (call $markerAt (local.get $rec) (i32.sub (local.get $p) (i32.load8_u offset=2 (local.get $rec))) (local.get $len))
                      (then
                        (i32.store (local.get $hitsOut)
                          (i32.add (i32.shl (i32.sub (local.get $p) (i32.load8_u offset=2 (local.get $rec))) (i32.const 3)) (local.get $k)))
                        (local.set $hitsOut (i32.add (local.get $hitsOut) (i32.const 4)))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $marker)))
            (local.set $pairBits (i32.and (local.get $pairBits) (i32.sub (local.get $pairBits) (i32.const 1))))
            (br $pairBit)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $step)))
    (i32.store (i32.const 0x040200) (i32.shr_u (i32.sub (local.get $newlinesOut) (i32.const 0x040400)) (i32.const 2)))
    (i32.store (i32.const 0x040204) (i32.shr_u (i32.sub (local.get $hitsOut) (i32.const 0x140400)) (i32.const 2)))
    (i32.store (i32.const 0x040208) (i32.ne (local.get $unclear) (i32.const 0))))
;;
  ;; unescape: the JSON string whose opening quote is at $at (in the block), read up to $to, written with its simple
  ;; escapes undone from $out; returns the index after its closing quote and stores the bytes written at 0x04020c,
  ;; or returns -1 for a string it leaves to JSON.parse (a control character, a \u or unknown escape, no end)
  (func (export "unescape") (param $at i32) (param $to i32) (param $out i32) (result i32)
    (local $i i32) (local $o i32) (local $v v128) (local $bits i32) (local $c i32)
    (local $quote v128) (local $backslash v128) (local $space v128)
    (local.set $quote (i8x16.splat (i32.const 0x22)))
    (local.set $backslash (i8x16.splat (i32.const 0x5c)))
    (local.set $space (i8x16.splat (i32.const 0x20)))
    (local.set $i (i32.add (local.get $at) (i32.const 1)))
    (local.set $o (local.get $out))
    (block $fail
      (loop $step
        (br_if $fail (i32.ge_u (local.get $i) (local.get $to)))
        (if (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $to))
          (then
            ;; sixteen bytes at a time up to the first quote, backslash or control character
            (local.set $v (v128.load (local.get $i)))
            (v128.store (local.get $o) (local.get $v))
            (local.set $bits (i8x16.bitmask (v128.or (v128.or
              (i8x16.eq (local.get $v) (local.get $quote))
              (i8x16.eq (local.get $v) (local.get $backslash)))
              (i8x16.lt_u (local.get $v) (local.get $space)))))
            (if (i32.eqz (local.get $bits))
              (then
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (local.set $o (i32.add (local.get $o) (i32.const 16)))
                (br $step)))
            (local.set $i (i32.add (local.get $i) (i32.ctz (local.get $bits))))
            (local.set $o (i32.add (local.get $o) (i32.ctz (local.get $bits))))))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.eq (local.get $c) (i32.const 0x22))
          (then
            (i32.store (i32.const 0x04020c) (i32.sub (local.get $o) (local.get $out)))
            (return (i32.add (local.get $i) (i32.const 1)))))
        (br_if $fail (i32.lt_u (local.get $c) (i32.const 0x20)))
        (if (i32.eq (local.get $c) (i32.const 0x5c))
          (then
            (br_if $fail (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $to)))
            (local.set $c (i32.load8_u offset=1 (local.get $i)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (block $mapped
              (br_if $mapped (i32.or (i32.eq (local.get $c) (i32.const 0x22))
                (i32.or (i32.eq (local.get $c) (i32.const 0x5c)) (i32.eq (local.get $c) (i32.const 0x2f)))))
              (if (i32.eq (local.get $c) (i32.const 0x6e)) (then (local.set $c (i32.const 0x0a)) (br $mapped)))
              (if (i32.eq (local.get $c) (i32.const 0x74)) (then (local.set $c (i32.const 0x09)) (br $mapped)))
              (if (i32.eq (local.get $c) (i32.const 0x72)) (then (local.set $c (i32.const 0x0d)) (br $mapped)))
              (if (i32.eq (local.get $c) (i32.const 0x62)) (then (local.set $c (i32.const 0x08)) (br $mapped)))
              (if (i32.eq (local.get $c) (i32.const 0x66)) (then (local.set $c (i32.const 0x0c)) (br $mapped)))
              (br $fail))))
        (i32.store8 (local.get $o) (local.get $c))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $step)))
    (i32.const -1))

;;
  ;; The common records, read where they lie in this memory (the block, or the JSON strings unescaped from it; the
  ;; addresses are absolute): Lambda's REPORT line and the tracker's statistics block, as
  ;; parse/report-bytes.ts (readCanonicalReport) and parse/tracker-bytes.ts (readStatisticsBytes) read them. Each
  ;; returns 1 with the figures at 0x280500, or 0 where it is not sure (another shape, non-ASCII bytes, a number of
  ;; more than 15 digits, a field whose key might be one the reader reads): the JavaScript reader then decides.
  ;;   0x280500 id start, 0x280504 id end, 0x280508 cold start (i32); 0x280510 Duration, 0x280518 Billed Duration,
  ;;   0x280520 Memory Size, 0x280528 Max Memory Used (f64); 0x280530 peak heap, 0x280538 peak RSS (f64, NaN when
  ;;   none), 0x280540 complete (i32). `frame` and `toolName`, exact twins of nodeFrameEnd and toolNameBytes
  ;;   (parse/record-bytes.ts, tracker-bytes.ts), return what they return and leave the id's range at 0x280500 and
  ;;   the tool name's end at 0x280544.
  (data (i32.const 0x280600) "REPORT RequestId: ")
  (data (i32.const 0x280620) "Duration: ")
  (data (i32.const 0x280630) "Billed Duration: ")
  (data (i32.const 0x280650) "Memory Size: ")
  (data (i32.const 0x280660) "Max Memory Used: ")
  (data (i32.const 0x280680) "Init Duration: ")
  (data (i32.const 0x280690) "ms")
  (data (i32.const 0x280694) "MB")
  (data (i32.const 0x280698) "Heap: ")
  (data (i32.const 0x2806a0) "RSS: ")
  (data (i32.const 0x2806a8) "Snapshots: ")
  (data (i32.const 0x2806b8) "(peak: ")
  (data (i32.const 0x2806c0) "MB)")
  (data (i32.const 0x2806d0) "Tool ")
  (data (i32.const 0x2806e0) " memory: ")
  (data (i32.const 0x2806f0) "MB heap, ")
  (data (i32.const 0x280700) "MB RSS")
  ;; 10^0 ... 10^15 (f64, exact)
  (data (i32.const 0x280780) "\00\00\00\00\00\00\f0\3f\00\00\00\00\00\00\24\40\00\00\00\00\00\00\59\40\00\00\00\00\00\40\8f\40\00\00\00\00\00\88\c3\40\00\00\00\00\00\6a\f8\40\00\00\00\00\80\84\2e\41\00\00\00\00\d0\12\63\41\00\00\00\00\84\d7\97\41\00\00\00\00\65\cd\cd\41\00\00\00\20\5f\a0\02\42\00\00\00\e8\76\48\37\42\00\00\00\a2\94\1a\6d\42\00\00\40\e5\9c\30\a2\42\00\00\90\1e\c4\bc\d6\42\00\00\34\26\f5\6b\0c\43")

  ;; the value of the number $number read last: digits / 10^decimals, as decimalAt computes it
  (global $value (mut f64) (f64.const 0))
  ;; 1 when that number had more than 15 digits (decimalAt then reads it with Number(): the caller steps aside)
  (global $long (mut i32) (i32.const 0))

  ;; whether the $n bytes at $lit (n <= 32) are at $at, inside [0, $end) ($at >= 0); compares 16 bytes a step, the
  ;; bytes past the literal masked off
  (func $has (param $at i32) (param $end i32) (param $lit i32) (param $n i32) (result i32)
    (local $same i32)
    (if (i32.gt_s (i32.add (local.get $at) (local.get $n)) (local.get $end)) (then (return (i32.const 0))))
    (local.set $same (i8x16.bitmask (i8x16.eq (v128.load (local.get $at)) (v128.load (local.get $lit)))))
    (if (i32.le_u (local.get $n) (i32.const 16))
      (then (return (i32.eq (i32.or (local.get $same) (i32.shl (i32.const -1) (local.get $n))) (i32.const -1)))))
    (if (i32.ne (local.get $same) (i32.const 0xffff)) (then (return (i32.const 0))))
    (local.set $same (i8x16.bitmask (i8x16.eq (v128.load offset=16 (local.get $at)) (v128.load offset=16 (local.get $lit)))))
    (i32.eq (i32.or (local.get $same) (i32.shl (i32.const -1) (i32.sub (local.get $n) (i32.const 16)))) (i32.const -1)))

  ;; the bits of the 16 bytes at $i that lie before $end
  (func $before (param $i i32) (param $end i32) (result i32)
    (if (result i32) (i32.ge_s (i32.sub (local.get $end) (local.get $i)) (i32.const 16))
      (then (i32.const 0xffff))
      (else (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $end) (local.get $i))) (i32.const 1)))))

  ;; the first newline at or after $i, or $end; 16 bytes a step
  (func $lineEnd (param $i i32) (param $end i32) (result i32)
    (local $bits i32)
    (block $done
      (loop $step
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (local.set $bits (i8x16.bitmask (i8x16.eq (v128.load (local.get $i)) (i8x16.splat (i32.const 10)))))
        (if (local.get $bits)
          (then
            (local.set $i (i32.add (local.get $i) (i32.ctz (local.get $bits))))
            (return (select (local.get $i) (local.get $end) (i32.lt_s (local.get $i) (local.get $end))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $step)))
    (local.get $end))

  (func $isDigit (param $c i32) (result i32)
    (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9)))

  ;; ASCII white space as JavaScript's \s sees it
  (func $isSpace (param $c i32) (result i32)
    (i32.or (i32.eq (local.get $c) (i32.const 0x20)) (i32.le_u (i32.sub (local.get $c) (i32.const 9)) (i32.const 4))))

  ;; end of \d+(\.\d+)? at $i (a dot not followed by a digit ends the number before it), or -1; sets $value, $long
  (func $number (param $i i32) (param $end i32) (result i32)
    (local $from i32) (local $m f64) (local $d i32) (local $point i32)
    (local.set $from (local.get $i))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (local.set $d (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
        (br_if $done (i32.gt_u (local.get $d) (i32.const 9)))
        (local.set $m (f64.add (f64.mul (local.get $m) (f64.const 10)) (f64.convert_i32_u (local.get $d))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (i32.eq (local.get $i) (local.get $from)) (then (return (i32.const -1))))
    (local.set $point (local.get $i))
    (if (i32.and (i32.lt_s (i32.add (local.get $i) (i32.const 1)) (local.get $end))
          (i32.and (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2e))
                   (i32.le_u (i32.sub (i32.load8_u offset=1 (local.get $i)) (i32.const 48)) (i32.const 9))))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (block $done
          (loop $next
            (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
            (local.set $d (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
            (br_if $done (i32.gt_u (local.get $d) (i32.const 9)))
            (local.set $m (f64.add (f64.mul (local.get $m) (f64.const 10)) (f64.convert_i32_u (local.get $d))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        ;; the dot is no digit
        (local.set $from (i32.add (local.get $from) (i32.const 1)))))
    (global.set $long (i32.gt_s (i32.sub (local.get $i) (local.get $from)) (i32.const 15)))
    ;; digits / 10^decimals: one correctly rounded division of two exact doubles, as decimalAt divides
    (if (i32.eqz (global.get $long))
      (then
        (global.set $value (f64.div (local.get $m)
          (f64.load (i32.add (i32.const 0x280780) (i32.shl (i32.sub (local.get $i) (i32.add (local.get $point) (i32.ne (local.get $i) (local.get $point)))) (i32.const 3))))))))
    (local.get $i))

  ;; past the spaces and the one tab that end a field at $i, or -1 (also for $i = -1: no field)
  (func $fieldEnd (param $i i32) (param $end i32) (result i32)
    (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (br_if $done (i32.ne (i32.load8_u (local.get $i)) (i32.const 0x20)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (result i32) (i32.and (i32.lt_s (local.get $i) (local.get $end)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 9)))
      (then (i32.add (local.get $i) (i32.const 1)))
      (else (i32.const -1))))

  ;; whether the field whose value ends at $i ends there: only spaces before a tab, a line end or the end
  (func $endsField (param $i i32) (param $end i32) (result i32)
    (local $c i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (br_if $done (i32.ne (i32.load8_u (local.get $i)) (i32.const 0x20)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (i32.ge_s (local.get $i) (local.get $end)) (then (return (i32.const 1))))
    (local.set $c (i32.load8_u (local.get $i)))
    (i32.or (i32.eq (local.get $c) (i32.const 9)) (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 13)))))

  ;; the field `<lit><number> <unit>` at $i (-1: none): the index past its unit, or -1; its number in $value
  (func $quantity (param $i i32) (param $end i32) (param $lit i32) (param $n i32) (param $unit i32) (result i32)
    (local $e i32)
    (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
    (if (i32.eqz (call $has (local.get $i) (local.get $end) (local.get $lit) (local.get $n))) (then (return (i32.const -1))))
    (local.set $e (call $number (i32.add (local.get $i) (local.get $n)) (local.get $end)))
    (if (i32.or (i32.lt_s (local.get $e) (i32.const 0)) (global.get $long)) (then (return (i32.const -1))))
    (if (i32.ne (i32.load8_u (local.get $e)) (i32.const 0x20)) (then (return (i32.const -1))))
    (if (i32.eqz (call $has (i32.add (local.get $e) (i32.const 1)) (local.get $end) (local.get $unit) (i32.const 2))) (then (return (i32.const -1))))
    (i32.add (local.get $e) (i32.const 3)))

  ;; whether the fields in [$i, $end) are surely none the REPORT reader reads (readFields finds no known key): all
  ;; ASCII, and before no colon a key as long as one of the reader's keys (6, 8, 10, 11, 13, 15, 16 or 23 bytes;
  ;; X-Ray's are 7, 9 and 12). Every colon is looked at, not only each field's first: that may only say "not sure".
  (func $noReadableField (param $i i32) (param $end i32) (result i32)
    (local $v v128) (local $in i32) (local $colons i32) (local $colon i32) (local $keyStart i32) (local $keyEnd i32)
    (local $c i32) (local $n i32) (local $from i32)
    (local.set $from (local.get $i))
    (block $done
      (loop $step
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (local.set $v (v128.load (local.get $i)))
        (local.set $in (call $before (local.get $i) (local.get $end)))
        (if (i32.and (i8x16.bitmask (local.get $v)) (local.get $in)) (then (return (i32.const 0))))
        (local.set $colons (i32.and (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x3a)))) (local.get $in)))
        (block $colonsDone
          (loop $nextColon
            (br_if $colonsDone (i32.eqz (local.get $colons)))
            (local.set $colon (i32.add (local.get $i) (i32.ctz (local.get $colons))))
            (local.set $colons (i32.and (local.get $colons) (i32.sub (local.get $colons) (i32.const 1))))
            ;; the field's start: after the separator before the colon, past spaces
            (local.set $keyStart (local.get $colon))
            (block $found
              (loop $back
                (br_if $found (i32.le_s (local.get $keyStart) (local.get $from)))
                (local.set $c (i32.load8_u (i32.sub (local.get $keyStart) (i32.const 1))))
                (br_if $found (i32.or (i32.eq (local.get $c) (i32.const 9)) (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 13)))))
                (local.set $keyStart (i32.sub (local.get $keyStart) (i32.const 1)))
                (br $back)))
            (block $skipped
              (loop $skip
                (br_if $skipped (i32.ge_s (local.get $keyStart) (local.get $colon)))
                (br_if $skipped (i32.ne (i32.load8_u (local.get $keyStart)) (i32.const 0x20)))
                (local.set $keyStart (i32.add (local.get $keyStart) (i32.const 1)))
                (br $skip)))
            (local.set $keyEnd (local.get $colon))
            (block $trimmed
              (loop $trim
                (br_if $trimmed (i32.le_s (local.get $keyEnd) (local.get $keyStart)))
                (br_if $trimmed (i32.ne (i32.load8_u (i32.sub (local.get $keyEnd) (i32.const 1))) (i32.const 0x20)))
                (local.set $keyEnd (i32.sub (local.get $keyEnd) (i32.const 1)))
                (br $trim)))
            (local.set $n (i32.sub (local.get $keyEnd) (local.get $keyStart)))
            ;; bit n of 0x81ad40: the lengths of the reader's keys
            (if (i32.and (i32.lt_u (local.get $n) (i32.const 24))
                  (i32.and (i32.shr_u (i32.const 0x81ad40) (local.get $n)) (i32.const 1)))
              (then (return (i32.const 0))))
            (br $nextColon)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $step)))
    (i32.const 1))

  ;; Lambda's REPORT line in [$start, $end) as readCanonicalReport reads it
  (func (export "report") (param $start i32) (param $end i32) (result i32)
    (local $i i32) (local $rest i32) (local $cold i32) (local $c i32) (local $v v128)
    (if (i32.eqz (call $has (local.get $start) (local.get $end) (i32.const 0x280600) (i32.const 18))) (then (return (i32.const 0))))
    (local.set $i (i32.add (local.get $start) (i32.const 18)))
    ;; the id: [0-9A-Za-z_.:-], 1 to 128 bytes; 16 bytes a step, up to the first other byte
    (block $done
      (loop $step
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (local.set $v (v128.load (local.get $i)))
        (local.set $c (i32.and (i32.xor (i8x16.bitmask (v128.or (v128.or
            (i8x16.le_u (i8x16.sub (local.get $v) (i8x16.splat (i32.const 0x30))) (i8x16.splat (i32.const 9)))
            (i8x16.le_u (i8x16.sub (v128.or (local.get $v) (i8x16.splat (i32.const 0x20))) (i8x16.splat (i32.const 0x61))) (i8x16.splat (i32.const 25))))
          (v128.or (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5f))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2e))))
            (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x3a))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2d)))))))
          (i32.const 0xffff)) (i32.const 0xffff)))
        (if (local.get $c)
          (then
            (local.set $i (i32.add (local.get $i) (i32.ctz (local.get $c))))
            (br $done)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $step)))
    (if (i32.gt_s (local.get $i) (local.get $end)) (then (local.set $i (local.get $end))))
    (local.set $c (i32.sub (local.get $i) (i32.add (local.get $start) (i32.const 18))))
    (if (i32.or (i32.eqz (local.get $c)) (i32.gt_s (local.get $c) (i32.const 128))) (then (return (i32.const 0))))
    (i32.store (i32.const 0x280500) (i32.add (local.get $start) (i32.const 18)))
    (i32.store (i32.const 0x280504) (local.get $i))
    (local.set $i (call $quantity (call $fieldEnd (local.get $i) (local.get $end)) (local.get $end) (i32.const 0x280620) (i32.const 10) (i32.const 0x280690)))
    (f64.store (i32.const 0x280510) (global.get $value))
    (local.set $i (call $quantity (call $fieldEnd (local.get $i) (local.get $end)) (local.get $end) (i32.const 0x280630) (i32.const 17) (i32.const 0x280690)))
    (f64.store (i32.const 0x280518) (global.get $value))
    (local.set $i (call $quantity (call $fieldEnd (local.get $i) (local.get $end)) (local.get $end) (i32.const 0x280650) (i32.const 13) (i32.const 0x280694)))
    (f64.store (i32.const 0x280520) (global.get $value))
    (local.set $i (call $quantity (call $fieldEnd (local.get $i) (local.get $end)) (local.get $end) (i32.const 0x280660) (i32.const 17) (i32.const 0x280694)))
    (f64.store (i32.const 0x280528) (global.get $value))
    ;; a field that failed leaves -1, which fieldEnd and quantity pass on
    (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const 0))))
    (if (i32.eqz (call $endsField (local.get $i) (local.get $end))) (then (return (i32.const 0))))
    (local.set $rest (call $fieldEnd (local.get $i) (local.get $end)))
    (if (i32.ge_s (local.get $rest) (i32.const 0))
      (then
        (if (call $has (local.get $rest) (local.get $end) (i32.const 0x280680) (i32.const 15))
          (then
            (local.set $i (call $quantity (local.get $rest) (local.get $end) (i32.const 0x280680) (i32.const 15) (i32.const 0x280690)))
            (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const 0))))
            (if (i32.eqz (call $endsField (local.get $i) (local.get $end))) (then (return (i32.const 0))))
            (local.set $cold (i32.const 1))
            (local.set $rest (call $fieldEnd (local.get $i) (local.get $end)))))))
    (if (i32.ge_s (local.get $rest) (i32.const 0)) (then (local.set $i (local.get $rest))))
    (if (i32.lt_s (local.get $i) (local.get $end))
      (then (if (i32.eqz (call $noReadableField (local.get $i) (local.get $end))) (then (return (i32.const 0))))))
    (i32.store (i32.const 0x280508) (local.get $cold))
    (i32.const 1))

  ;; the value of the last `(peak: <n>MB)` in [$from, $lineEnd) in $value: 1, or 0 for none, -1 for a long number
  (func $lastPeak (param $from i32) (param $lineEnd i32) (result i32)
    (local $at i32) (local $e i32)
    (local.set $at (i32.sub (local.get $lineEnd) (i32.const 7)))
    (block $done
      (loop $next
        (br_if $done (i32.lt_s (local.get $at) (local.get $from)))
        (if (i32.eq (i32.load8_u (local.get $at)) (i32.const 0x28))
          (then
            (if (call $has (local.get $at) (local.get $lineEnd) (i32.const 0x2806b8) (i32.const 7))
              (then
                (local.set $e (call $number (i32.add (local.get $at) (i32.const 7)) (local.get $lineEnd)))
                (if (i32.ge_s (local.get $e) (i32.const 0))
                  (then
                    (if (call $has (local.get $e) (local.get $lineEnd) (i32.const 0x2806c0) (i32.const 3))
                      (then (return (select (i32.const -1) (i32.const 1) (global.get $long)))))))))))
        (local.set $at (i32.sub (local.get $at) (i32.const 1)))
        (br $next)))
    (i32.const 0))

  ;; the tracker's statistics block, its body in [$from, $end), as readStatisticsBytes reads it ($unclear: its
  ;; unclearLines)
  (func (export "statistics") (param $from i32) (param $end i32) (param $unclear i32) (result i32)
    (local $line i32) (local $lineEnd i32) (local $i i32) (local $c i32) (local $found i32)
    (local $heap i32) (local $rss i32) (local $snapshots i32)
    (local.set $line (local.get $from))
    (f64.store (i32.const 0x280530) (f64.const nan))
    (f64.store (i32.const 0x280538) (f64.const nan))
    (block $done
      (loop $nextLine
        (br_if $done (i32.gt_s (local.get $line) (local.get $end)))
        (local.set $lineEnd (local.get $line))
        (if (i32.eqz (local.get $unclear)) (then (local.set $lineEnd (call $lineEnd (local.get $line) (local.get $end)))))
        (block $ended
          (loop $byte
            (br_if $ended (i32.ge_s (local.get $lineEnd) (local.get $end)))
            (local.set $c (i32.load8_u (local.get $lineEnd)))
            (br_if $ended (i32.eq (local.get $c) (i32.const 10)))
            (if (local.get $unclear)
              (then
                (if (i32.eq (local.get $c) (i32.const 13)) (then (return (i32.const 0))))
                (if (i32.and (i32.eq (local.get $c) (i32.const 0xe2))
                      (i32.le_u (i32.sub (i32.load8_u offset=1 (local.get $lineEnd)) (i32.const 0x80)) (i32.const 1)))
                  (then (return (i32.const 0))))))
            (local.set $lineEnd (i32.add (local.get $lineEnd) (i32.const 1)))
            (br $byte)))
        (local.set $i (local.get $line))
        (block $skipped
          (loop $skip
            (br_if $skipped (i32.ge_s (local.get $i) (local.get $lineEnd)))
            (br_if $skipped (i32.eqz (call $isSpace (i32.load8_u (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $skip)))
        (local.set $c (i32.load8_u (local.get $i)))
        ;; possible Unicode white space: the first bytes of U+00A0, U+1680, U+2000-U+3000, U+FEFF
        (if (i32.and (i32.lt_s (local.get $i) (local.get $lineEnd))
              (i32.or (i32.or (i32.eq (local.get $c) (i32.const 0xc2)) (i32.eq (local.get $c) (i32.const 0xef)))
                (i32.le_u (i32.sub (local.get $c) (i32.const 0xe1)) (i32.const 2))))
          (then (return (i32.const 0))))
        (if (i32.and (i32.eq (local.get $c) (i32.const 0x48)) (i32.eqz (local.get $heap)))
          (then
            (if (call $has (local.get $i) (local.get $lineEnd) (i32.const 0x280698) (i32.const 6))
              (then
                (local.set $found (call $lastPeak (i32.add (local.get $i) (i32.const 6)) (local.get $lineEnd)))
                (if (i32.lt_s (local.get $found) (i32.const 0)) (then (return (i32.const 0))))
                (if (local.get $found)
                  (then (local.set $heap (i32.const 1)) (f64.store (i32.const 0x280530) (global.get $value))))))))
        (if (i32.and (i32.eq (local.get $c) (i32.const 0x52)) (i32.eqz (local.get $rss)))
          (then
            (if (call $has (local.get $i) (local.get $lineEnd) (i32.const 0x2806a0) (i32.const 5))
              (then
                (local.set $found (call $lastPeak (i32.add (local.get $i) (i32.const 5)) (local.get $lineEnd)))
                (if (i32.lt_s (local.get $found) (i32.const 0)) (then (return (i32.const 0))))
                (if (local.get $found)
                  (then (local.set $rss (i32.const 1)) (f64.store (i32.const 0x280538) (global.get $value))))))))
        (if (i32.and (i32.eq (local.get $c) (i32.const 0x53)) (i32.eqz (local.get $snapshots)))
          (then
            (if (i32.and (call $has (local.get $i) (local.get $lineEnd) (i32.const 0x2806a8) (i32.const 11))
                  (i32.lt_s (i32.add (local.get $i) (i32.const 11)) (local.get $lineEnd)))
              (then (local.set $snapshots (call $isDigit (i32.load8_u offset=11 (local.get $i))))))))
        (local.set $line (i32.add (local.get $lineEnd) (i32.const 1)))
        (br $nextLine)))
    (i32.store (i32.const 0x280540) (i32.and (i32.and (local.get $heap) (local.get $rss)) (local.get $snapshots)))
    (i32.const 1))

  ;; the end of the Node.js runtime's framing `<ISO>\t<requestId>\t<LEVEL>\t` at $start (nodeFrameEnd): the
  ;; message's start, -1 when not framed so, -2 when non-ASCII bytes leave it open; the id's range at 0x280500
  (func (export "frame") (param $start i32) (param $end i32) (result i32)
    (local $v v128) (local $from i32) (local $bits i32) (local $limit i32) (local $tab i32) (local $i i32) (local $level i32)
    (if (i32.lt_s (i32.sub (local.get $end) (local.get $start)) (i32.const 20)) (then (return (i32.const -1))))
    ;; YYYY-MM-DDT: digits at 0-3, 5-6, 8-9 (bits 0x36f), dashes at 4 and 7 (0x90), T at 10 (0x400)
    (local.set $v (v128.load (local.get $start)))
    (if (i32.or (i32.or
          (i32.ne (i32.and (i8x16.bitmask (i8x16.le_u (i8x16.sub (local.get $v) (i8x16.splat (i32.const 48))) (i8x16.splat (i32.const 9)))) (i32.const 0x36f)) (i32.const 0x36f))
          (i32.ne (i32.and (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x2d)))) (i32.const 0x90)) (i32.const 0x90)))
          (i32.eqz (i32.and (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x54)))) (i32.const 0x400))))
      (then (return (i32.const -1))))
    ;; the rest of the time, up to a tab within 31 bytes: [^\t]{8,30} counts UTF-16 units, so a non-ASCII byte before
    ;; the tab leaves it open
    (local.set $from (i32.add (local.get $start) (i32.const 11)))
    (local.set $bits (i32.or
      (i8x16.bitmask (v128.or (i8x16.eq (v128.load (local.get $from)) (i8x16.splat (i32.const 9))) (v128.load (local.get $from))))
      (i32.shl (i8x16.bitmask (v128.or (i8x16.eq (v128.load offset=16 (local.get $from)) (i8x16.splat (i32.const 9))) (v128.load offset=16 (local.get $from))))
               (i32.const 16))))
    (local.set $limit (i32.sub (local.get $end) (local.get $from)))
    (if (i32.gt_s (local.get $limit) (i32.const 31)) (then (local.set $limit (i32.const 31))))
    (local.set $bits (i32.and (local.get $bits) (i32.sub (i32.shl (i32.const 1) (local.get $limit)) (i32.const 1))))
    (if (i32.eqz (local.get $bits)) (then (return (i32.const -1))))
    (local.set $tab (i32.add (local.get $from) (i32.ctz (local.get $bits))))
    (if (i32.ge_u (i32.load8_u (local.get $tab)) (i32.const 0x80)) (then (return (i32.const -2))))
    (if (i32.lt_s (i32.sub (local.get $tab) (local.get $from)) (i32.const 8)) (then (return (i32.const -1))))
    ;; the request id, up to white space (a tab, or no frame) or a non-ASCII byte (left open); 16 bytes a step
    (local.set $i (i32.add (local.get $tab) (i32.const 1)))
    (block $found
      (loop $step
        (if (i32.ge_s (local.get $i) (local.get $end)) (then (return (i32.const -1))))
        (local.set $v (v128.load (local.get $i)))
        (local.set $bits (i32.and (call $before (local.get $i) (local.get $end)) (i8x16.bitmask (v128.or (local.get $v)
          (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x20)))
                   (i8x16.le_u (i8x16.sub (local.get $v) (i8x16.splat (i32.const 9))) (i8x16.splat (i32.const 4))))))))
        (if (local.get $bits)
          (then
            (local.set $i (i32.add (local.get $i) (i32.ctz (local.get $bits))))
            (br $found)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $step)))
    (if (i32.ge_u (i32.load8_u (local.get $i)) (i32.const 0x80)) (then (return (i32.const -2))))
    (if (i32.or (i32.eq (local.get $i) (i32.add (local.get $tab) (i32.const 1))) (i32.ne (i32.load8_u (local.get $i)) (i32.const 9)))
      (then (return (i32.const -1))))
    (i32.store (i32.const 0x280500) (i32.add (local.get $tab) (i32.const 1)))
    (i32.store (i32.const 0x280504) (local.get $i))
    ;; the level: [A-Z]+ and a tab
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (local.set $level (local.get $i))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (br_if $done (i32.gt_u (i32.sub (i32.load8_u (local.get $i)) (i32.const 65)) (i32.const 25)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (i32.or (i32.or (i32.eq (local.get $i) (local.get $level)) (i32.ge_s (local.get $i) (local.get $end)))
                (i32.ne (i32.load8_u (local.get $i)) (i32.const 9)))
      (then (return (i32.const -1))))
    (i32.add (local.get $i) (i32.const 1)))

  ;; where the tool name of `Tool (\S+) memory: <n>MB heap, <n>MB RSS` (leftmost) in [$from, $end) starts
  ;; (toolNameBytes), its end at 0x280544; -2 when there is none, -1 when a non-ASCII byte could be Unicode space
  (func (export "toolName") (param $from i32) (param $end i32) (result i32)
    (local $at i32) (local $i i32) (local $c i32) (local $e i32)
    (local.set $at (local.get $from))
    (block $none
      (loop $nextTool
        ;; the next `Tool ` at or after $at
        (block $found
          (loop $search
            (br_if $none (i32.gt_s (i32.add (local.get $at) (i32.const 5)) (local.get $end)))
            (br_if $found (i32.and (i32.eq (i32.load8_u (local.get $at)) (i32.const 0x54))
              (call $has (local.get $at) (local.get $end) (i32.const 0x2806d0) (i32.const 5))))
            (local.set $at (i32.add (local.get $at) (i32.const 1)))
            (br $search)))
        (local.set $i (i32.add (local.get $at) (i32.const 5)))
        (block $nameEnd
          (loop $name
            (br_if $nameEnd (i32.ge_s (local.get $i) (local.get $end)))
            (local.set $c (i32.load8_u (local.get $i)))
            (br_if $nameEnd (call $isSpace (local.get $c)))
            (if (i32.ge_u (local.get $c) (i32.const 0x80)) (then (return (i32.const -1))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $name)))
        (block $miss
          (br_if $miss (i32.eq (local.get $i) (i32.add (local.get $at) (i32.const 5))))
          (br_if $miss (i32.eqz (call $has (local.get $i) (local.get $end) (i32.const 0x2806e0) (i32.const 9))))
          (local.set $e (call $number (i32.add (local.get $i) (i32.const 9)) (local.get $end)))
          (br_if $miss (i32.lt_s (local.get $e) (i32.const 0)))
          (br_if $miss (i32.eqz (call $has (local.get $e) (local.get $end) (i32.const 0x2806f0) (i32.const 9))))
          (local.set $e (call $number (i32.add (local.get $e) (i32.const 9)) (local.get $end)))
          (br_if $miss (i32.lt_s (local.get $e) (i32.const 0)))
          (br_if $miss (i32.eqz (call $has (local.get $e) (local.get $end) (i32.const 0x280700) (i32.const 6))))
          (i32.store (i32.const 0x280544) (local.get $i))
          (return (i32.add (local.get $at) (i32.const 5))))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $nextTool)))
    (i32.const -2))

  ;; The timestamps that open the lines after the listed newlines (scan with list mode 2), as TimestampReader.read
  ;; (sources/file/timestamp-bytes.ts) reads them up to the block's end $len: for entry k, the time at
  ;; 0x290000 + 8k and the length at 0x390000 + 4k; -1 when none is there, -2 for a year below 100 (which Date.UTC
  ;; takes for 1900 and more: TimestampReader reads those).
  (global $stamp (mut f64) (f64.const 0))

  ;; the two digits at $at as a number, or a number so negative that any field it is part of comes out negative
  (func $twoDigits (param $at i32) (result i32)
    (local $a i32) (local $b i32)
    (local.set $a (i32.sub (i32.load8_u (local.get $at)) (i32.const 48)))
    (local.set $b (i32.sub (i32.load8_u offset=1 (local.get $at)) (i32.const 48)))
    (if (result i32) (i32.or (i32.gt_u (local.get $a) (i32.const 9)) (i32.gt_u (local.get $b) (i32.const 9)))
      (then (i32.const -100000))
      (else (i32.add (i32.mul (local.get $a) (i32.const 10)) (local.get $b)))))

  ;; the date part (bytes 0-9) of the last timestamp read in full, and its days since 1970-01-01: a block's lines
  ;; mostly share their date, which is then neither parsed nor checked again (it passed every check when it was read)
  (global $lastDate0 (mut i64) (i64.const 0))
  (global $lastDate1 (mut i32) (i32.const 0))
  (global $lastDays (mut i32) (i32.const 0))

  ;; the timestamp at $p read up to $end into $stamp: its length, -1 or -2
  (func $stampAt (param $p i32) (param $end i32) (result i32)
    (local $year i32) (local $month i32) (local $day i32) (local $hour i32) (local $minute i32) (local $second i32)
    (local $y i32) (local $era i32) (local $yoe i32) (local $doy i32) (local $days i32)
    (local $i i32) (local $millis i32) (local $digits i32) (local $d i32) (local $offset i32) (local $j i32) (local $sign i32)
    (local $date0 i64) (local $date1 i32) (local $a i32) (local $b i32) (local $notDigit i32) (local $zoneHours i32)
    (if (i32.lt_s (i32.sub (local.get $end) (local.get $p)) (i32.const 19)) (then (return (i32.const -1))))
    (if (i32.or (i32.or (i32.ne (i32.load8_u offset=4 (local.get $p)) (i32.const 0x2d)) (i32.ne (i32.load8_u offset=7 (local.get $p)) (i32.const 0x2d)))
          (i32.or (i32.and (i32.ne (i32.load8_u offset=10 (local.get $p)) (i32.const 0x54)) (i32.ne (i32.load8_u offset=10 (local.get $p)) (i32.const 0x20)))
            (i32.or (i32.ne (i32.load8_u offset=13 (local.get $p)) (i32.const 0x3a)) (i32.ne (i32.load8_u offset=16 (local.get $p)) (i32.const 0x3a)))))
      (then (return (i32.const -1))))
    ;; hour, minute and second, each two digits (written out rather than called: calls are not inlined here)
    (local.set $a (i32.sub (i32.load8_u offset=11 (local.get $p)) (i32.const 48)))
    (local.set $b (i32.sub (i32.load8_u offset=12 (local.get $p)) (i32.const 48)))
    (local.set $notDigit (i32.or (i32.gt_u (local.get $a) (i32.const 9)) (i32.gt_u (local.get $b) (i32.const 9))))
    (local.set $hour (i32.add (i32.mul (local.get $a) (i32.const 10)) (local.get $b)))
    (local.set $a (i32.sub (i32.load8_u offset=14 (local.get $p)) (i32.const 48)))
    (local.set $b (i32.sub (i32.load8_u offset=15 (local.get $p)) (i32.const 48)))
    (local.set $notDigit (i32.or (local.get $notDigit) (i32.or (i32.gt_u (local.get $a) (i32.const 9)) (i32.gt_u (local.get $b) (i32.const 9)))))
    (local.set $minute (i32.add (i32.mul (local.get $a) (i32.const 10)) (local.get $b)))
    (local.set $a (i32.sub (i32.load8_u offset=17 (local.get $p)) (i32.const 48)))
    (local.set $b (i32.sub (i32.load8_u offset=18 (local.get $p)) (i32.const 48)))
    (local.set $notDigit (i32.or (local.get $notDigit) (i32.or (i32.gt_u (local.get $a) (i32.const 9)) (i32.gt_u (local.get $b) (i32.const 9)))))
    (local.set $second (i32.add (i32.mul (local.get $a) (i32.const 10)) (local.get $b)))
    (local.set $date0 (i64.load (local.get $p)))
    (local.set $date1 (i32.load16_u offset=8 (local.get $p)))
    (if (i32.and (i64.eq (local.get $date0) (global.get $lastDate0)) (i32.eq (local.get $date1) (global.get $lastDate1)))
      (then
        (if (i32.or (local.get $notDigit)
              (i32.or (i32.gt_s (local.get $hour) (i32.const 23)) (i32.or (i32.gt_s (local.get $minute) (i32.const 59)) (i32.gt_s (local.get $second) (i32.const 60)))))
          (then (return (i32.const -1))))
        (local.set $days (global.get $lastDays)))
      (else
        (local.set $year (i32.add (i32.mul (call $twoDigits (local.get $p)) (i32.const 100)) (call $twoDigits (i32.add (local.get $p) (i32.const 2)))))
        (local.set $month (call $twoDigits (i32.add (local.get $p) (i32.const 5))))
        (local.set $day (call $twoDigits (i32.add (local.get $p) (i32.const 8))))
        (if (i32.or (local.get $notDigit) (i32.lt_s (i32.or (i32.or (local.get $year) (local.get $month)) (local.get $day)) (i32.const 0)))
          (then (return (i32.const -1))))
        (if (i32.or (i32.or (i32.or (i32.lt_s (local.get $month) (i32.const 1)) (i32.gt_s (local.get $month) (i32.const 12)))
                            (i32.or (i32.lt_s (local.get $day) (i32.const 1)) (i32.gt_s (local.get $day) (i32.const 31))))
                    (i32.or (i32.or (i32.gt_s (local.get $hour) (i32.const 23)) (i32.gt_s (local.get $minute) (i32.const 59)))
                            (i32.gt_s (local.get $second) (i32.const 60))))
          (then (return (i32.const -1))))
        (if (i32.lt_s (local.get $year) (i32.const 100)) (then (return (i32.const -2))))
        ;; days from 1970-01-01 to the day (a day past the month's last runs on into the next, as in Date.UTC)
        (local.set $y (i32.sub (local.get $year) (i32.le_s (local.get $month) (i32.const 2))))
        (local.set $era (i32.div_s (local.get $y) (i32.const 400)))
        (local.set $yoe (i32.sub (local.get $y) (i32.mul (local.get $era) (i32.const 400))))
        (local.set $doy (i32.add (i32.div_s (i32.add (i32.mul (i32.const 153)
            (i32.add (local.get $month) (select (i32.const -3) (i32.const 9) (i32.gt_s (local.get $month) (i32.const 2))))) (i32.const 2)) (i32.const 5))
          (i32.sub (local.get $day) (i32.const 1))))
        (local.set $days (i32.sub (i32.add (i32.mul (local.get $era) (i32.const 146097))
            (i32.add (i32.add (i32.mul (local.get $yoe) (i32.const 365)) (i32.div_s (local.get $yoe) (i32.const 4)))
                     (i32.sub (local.get $doy) (i32.div_s (local.get $yoe) (i32.const 100)))))
          (i32.const 719468)))
        (global.set $lastDate0 (local.get $date0))
        (global.set $lastDate1 (local.get $date1))
        (global.set $lastDays (local.get $days))))
    ;; fractions of a second: up to nine digits, the first three count
    (local.set $i (i32.add (local.get $p) (i32.const 19)))
    (if (i32.and (i32.lt_s (i32.add (local.get $i) (i32.const 1)) (local.get $end))
          (i32.and (i32.or (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2e)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2c)))
                   (i32.le_u (i32.sub (i32.load8_u offset=1 (local.get $i)) (i32.const 48)) (i32.const 9))))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (block $done
          (loop $next
            (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
            (br_if $done (i32.ge_s (local.get $digits) (i32.const 9)))
            (local.set $d (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
            (br_if $done (i32.gt_u (local.get $d) (i32.const 9)))
            (if (i32.lt_s (local.get $digits) (i32.const 3))
              (then (local.set $millis (i32.add (i32.mul (local.get $millis) (i32.const 10)) (local.get $d)))))
            (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
        (block $scaled
          (loop $next
            (br_if $scaled (i32.ge_s (local.get $digits) (i32.const 3)))
            (local.set $millis (i32.mul (local.get $millis) (i32.const 10)))
            (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
            (br $next)))))
    ;; the zone: Z, or +hh[:]mm / -hh[:]mm (an hour without minutes is not taken)
    (if (i32.and (i32.lt_s (local.get $i) (local.get $end)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x5a)))
      (then (local.set $i (i32.add (local.get $i) (i32.const 1))))
      (else
        (local.set $a (i32.sub (i32.load8_u offset=1 (local.get $i)) (i32.const 48)))
        (local.set $b (i32.sub (i32.load8_u offset=2 (local.get $i)) (i32.const 48)))
        (local.set $zoneHours (i32.add (i32.mul (local.get $a) (i32.const 10)) (local.get $b)))
        (if (i32.and (i32.lt_s (i32.add (local.get $i) (i32.const 2)) (local.get $end))
              (i32.and (i32.or (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2b)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2d)))
                       (i32.and (i32.le_u (local.get $a) (i32.const 9)) (i32.le_u (local.get $b) (i32.const 9)))))
          (then
            (local.set $sign (select (i32.const -1) (i32.const 1) (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2d))))
            (local.set $j (i32.add (local.get $i) (i32.const 3)))
            (if (i32.and (i32.lt_s (local.get $j) (local.get $end)) (i32.eq (i32.load8_u (local.get $j)) (i32.const 0x3a)))
              (then (local.set $j (i32.add (local.get $j) (i32.const 1)))))
            (local.set $a (i32.sub (i32.load8_u (local.get $j)) (i32.const 48)))
            (local.set $b (i32.sub (i32.load8_u offset=1 (local.get $j)) (i32.const 48)))
            (if (i32.and (i32.lt_s (i32.add (local.get $j) (i32.const 1)) (local.get $end))
                  (i32.and (i32.le_u (local.get $a) (i32.const 9)) (i32.le_u (local.get $b) (i32.const 9))))
              (then
                (local.set $offset (i32.mul (local.get $sign)
                  (i32.add (i32.mul (local.get $zoneHours) (i32.const 60)) (i32.add (i32.mul (local.get $a) (i32.const 10)) (local.get $b)))))
                (local.set $i (i32.add (local.get $j) (i32.const 2)))))))))
    (global.set $stamp (f64.add
      (f64.add (f64.mul (f64.convert_i32_s (local.get $days)) (f64.const 86400000))
               (f64.convert_i32_s (i32.add (i32.add (i32.mul (local.get $hour) (i32.const 3600000)) (i32.mul (local.get $minute) (i32.const 60000)))
                 (i32.add (i32.mul (local.get $second) (i32.const 1000)) (local.get $millis)))))
      (f64.convert_i32_s (i32.mul (local.get $offset) (i32.const -60000)))))
    (i32.sub (local.get $i) (local.get $p)))

  (func (export "stamps") (param $len i32)
    (local $k i32) (local $n i32) (local $length i32)
    (local.set $n (i32.load (i32.const 0x040200)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $length (call $stampAt
          (i32.add (i32.load (i32.add (i32.const 0x040400) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 1)) (local.get $len)))
        (i32.store (i32.add (i32.const 0x390000) (i32.shl (local.get $k) (i32.const 2))) (local.get $length))
        (if (i32.ge_s (local.get $length) (i32.const 0))
          (then (f64.store (i32.add (i32.const 0x290000) (i32.shl (local.get $k) (i32.const 3))) (global.get $stamp))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))
;;
  ;; The events of a block scanned with list mode 2 and its stamps read, as TextFramer.frameAtLineStarts frames the
  ;; lines after its listed newlines: a line opens an event when its timestamp is followed by a space, and the lines
  ;; after it up to the next such line are the event's. Returns how many events open there, or -1 when a timestamp
  ;; is left to JavaScript (a year below 100: then nothing written here holds). The events between the first and the
  ;; last to open end in the block: they are counted, their least and greatest time kept, and those holding a marker (a
  ;; hit, sorted, at or after the event's start and before the next's) listed from 0x410000, each as
  ;;   +0 start, +4 end (its last line's newline), +8 where its message starts (past the stream name when $stream;
  ;;   -1 when the stream name runs to the event's end), +12 the MarkerSeen bits of its hits, +16 its timestamp's
  ;;   length, +24 its time (f64).
  ;; At 0x040210: +0 how many are listed, +4 how many ended, +8 the first event's start, +16/+20 the last's start and
  ;; timestamp length, +40 its time (f64), +48/+56 the least and greatest time of those that ended (f64).
  ;; (The first event's timestamp is needed only when it is the only one to open, and then it is the last's.)
  (func (export "events") (param $stream i32) (result i32)
    (local $k i32) (local $n i32) (local $length i32) (local $pos i32) (local $starts i32)
    (local $prevPos i32) (local $prevLength i32) (local $prevTime f64) (local $time f64)
    (local $hit i32) (local $hitsEnd i32) (local $entry i32) (local $seen i32) (local $interesting i32)
    (local $out i32) (local $ended i32) (local $least f64) (local $greatest f64) (local $end i32) (local $message i32) (local $c i32)
    (local.set $n (i32.load (i32.const 0x040200)))
    (local.set $hit (i32.const 0x140400))
    (local.set $hitsEnd (i32.add (i32.const 0x140400) (i32.shl (i32.load (i32.const 0x040204)) (i32.const 2))))
    (local.set $out (i32.const 0x410000))
    (local.set $least (f64.const inf))
    (local.set $greatest (f64.const -inf))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $length (i32.load (i32.add (i32.const 0x390000) (i32.shl (local.get $k) (i32.const 2)))))
        (if (i32.eq (local.get $length) (i32.const -2)) (then (return (i32.const -1))))
        (local.set $pos (i32.add (i32.load (i32.add (i32.const 0x040400) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 1)))
        ;; (a timestamp that runs to the block's end meets the zero scan wrote after it)
        (if (i32.and (i32.ge_s (local.get $length) (i32.const 0))
                     (i32.eq (i32.load8_u (i32.add (local.get $pos) (local.get $length))) (i32.const 0x20)))
          (then
            (local.set $time (f64.load (i32.add (i32.const 0x290000) (i32.shl (local.get $k) (i32.const 3)))))
            (if (i32.eqz (local.get $starts))
              (then
                (i32.store (i32.const 0x040218) (local.get $pos)))
              (else
                ;; the event opened before ends here: [prevPos, pos)
                (local.set $ended (i32.add (local.get $ended) (i32.const 1)))
                (local.set $least (f64.min (local.get $least) (local.get $prevTime)))
                (local.set $greatest (f64.max (local.get $greatest) (local.get $prevTime)))
                (local.set $seen (i32.const 0))
                (local.set $interesting (i32.const 0))
                (block $hitsDone
                  (loop $nextHit
                    (br_if $hitsDone (i32.ge_u (local.get $hit) (local.get $hitsEnd)))
                    (local.set $entry (i32.load (local.get $hit)))
                    (br_if $hitsDone (i32.ge_u (i32.shr_u (local.get $entry) (i32.const 3)) (local.get $pos)))
                    ;; hits before the event's start are the event's open before the first (JavaScript takes those)
                    (if (i32.ge_u (i32.shr_u (local.get $entry) (i32.const 3)) (local.get $prevPos))
                      (then
                        (local.set $interesting (i32.const 1))
                        (local.set $seen (i32.or (local.get $seen)
                          (i32.load8_u offset=0x040260 (i32.and (local.get $entry) (i32.const 7)))))))
                    (local.set $hit (i32.add (local.get $hit) (i32.const 4)))
                    (br $nextHit)))
                (if (local.get $interesting)
                  (then
                    (local.set $end (i32.sub (local.get $pos) (i32.const 1)))
                    (local.set $message (i32.add (i32.add (local.get $prevPos) (local.get $prevLength)) (i32.const 1)))
                    (if (local.get $stream)
                      (then
                        (block $streamDone
                          (loop $streamByte
                            (if (i32.ge_s (local.get $message) (local.get $end))
                              (then (local.set $message (i32.const -1)) (br $streamDone)))
                            (local.set $c (i32.load8_u (local.get $message)))
                            (if (i32.eq (local.get $c) (i32.const 0x20))
                              (then (local.set $message (i32.add (local.get $message) (i32.const 1))) (br $streamDone)))
                            (br_if $streamDone (i32.eq (local.get $c) (i32.const 0x0a)))
                            (local.set $message (i32.add (local.get $message) (i32.const 1)))
                            (br $streamByte)))))
                    (i32.store (local.get $out) (local.get $prevPos))
                    (i32.store offset=4 (local.get $out) (local.get $end))
                    (i32.store offset=8 (local.get $out) (local.get $message))
                    (i32.store offset=12 (local.get $out) (local.get $seen))
                    (i32.store offset=16 (local.get $out) (local.get $prevLength))
                    (f64.store offset=24 (local.get $out) (local.get $prevTime))
                    (local.set $out (i32.add (local.get $out) (i32.const 32)))))))
            (local.set $prevPos (local.get $pos))
            (local.set $prevLength (local.get $length))
            (local.set $prevTime (local.get $time))
            (local.set $starts (i32.add (local.get $starts) (i32.const 1)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (i32.store (i32.const 0x040210) (i32.shr_u (i32.sub (local.get $out) (i32.const 0x410000)) (i32.const 5)))
    (i32.store (i32.const 0x040214) (local.get $ended))
    (i32.store (i32.const 0x040220) (local.get $prevPos))
    (i32.store (i32.const 0x040224) (local.get $prevLength))
    (f64.store (i32.const 0x040238) (local.get $prevTime))
    (f64.store (i32.const 0x040240) (local.get $least))
    (f64.store (i32.const 0x040248) (local.get $greatest))
    (local.get $starts))
)
