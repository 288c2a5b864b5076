;; One pass over a block of log bytes, 16 bytes a step (WebAssembly SIMD), finding every newline and every record
;; marker: the work of one native search per line plus six whole-block searches (sources/file/block-scan.ts).
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
(module
  (memory (export "memory") 41)

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
)
