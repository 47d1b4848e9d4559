;; AdamW over one tensor's parameters, gradients and moments in this module's (imported) memory, four weights
;; per instruction (wasm SIMD), the tail one at a time. The same update as optimizer.ts's reference formula:
;;   g = grad·scale; m = b1·m + a1·g; v = b2·v + a2·g²; p = p − lrBc1·m / (√(v·rBc2) + eps) − lrWd·p
;; in float32 (as PyTorch's fp32 AdamW), where the JS loop it replaces ran ~7× slower (9.5 M weights: ~16 vs
;; ~120 ms). Pointers are byte offsets; n counts weights. Compiled into adamw-wasm.ts by build/wat-to-ts.ts.
(module
  (import "env" "memory" (memory 1))
  (func (export "adamw")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $scale f32) (param $b1 f32) (param $b2 f32) (param $a1 f32) (param $a2 f32)
    (param $lrBc1 f32) (param $rBc2 f32) (param $eps f32) (param $lrWd f32)
    (local $o i32) (local $end4 i32) (local $end i32)
    (local $gv v128) (local $mv v128) (local $vv v128) (local $pv v128)
    (local $gs f32) (local $ms f32) (local $vs f32) (local $ps f32)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end4 (i32.and (local.get $end) (i32.const -16)))
    (block $done4
      (loop $vec
        (br_if $done4 (i32.ge_u (local.get $o) (local.get $end4)))
        (local.set $gv (f32x4.mul (v128.load (i32.add (local.get $g) (local.get $o))) (f32x4.splat (local.get $scale))))
        (local.set $mv (f32x4.add
          (f32x4.mul (f32x4.splat (local.get $b1)) (v128.load (i32.add (local.get $m) (local.get $o))))
          (f32x4.mul (f32x4.splat (local.get $a1)) (local.get $gv))))
        (local.set $vv (f32x4.add
          (f32x4.mul (f32x4.splat (local.get $b2)) (v128.load (i32.add (local.get $v) (local.get $o))))
          (f32x4.mul (f32x4.splat (local.get $a2)) (f32x4.mul (local.get $gv) (local.get $gv)))))
        (v128.store (i32.add (local.get $m) (local.get $o)) (local.get $mv))
        (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vv))
        (local.set $pv (v128.load (i32.add (local.get $p) (local.get $o))))
        (v128.store (i32.add (local.get $p) (local.get $o))
          (f32x4.sub
            (f32x4.sub (local.get $pv)
              (f32x4.div (f32x4.mul (f32x4.splat (local.get $lrBc1)) (local.get $mv))
                (f32x4.add (f32x4.sqrt (f32x4.mul (local.get $vv) (f32x4.splat (local.get $rBc2))))
                  (f32x4.splat (local.get $eps)))))
            (f32x4.mul (f32x4.splat (local.get $lrWd)) (local.get $pv))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gs (f32.mul (f32.load (i32.add (local.get $g) (local.get $o))) (local.get $scale)))
        (local.set $ms (f32.add (f32.mul (local.get $b1) (f32.load (i32.add (local.get $m) (local.get $o))))
          (f32.mul (local.get $a1) (local.get $gs))))
        (local.set $vs (f32.add (f32.mul (local.get $b2) (f32.load (i32.add (local.get $v) (local.get $o))))
          (f32.mul (local.get $a2) (f32.mul (local.get $gs) (local.get $gs)))))
        (f32.store (i32.add (local.get $m) (local.get $o)) (local.get $ms))
        (f32.store (i32.add (local.get $v) (local.get $o)) (local.get $vs))
        (local.set $ps (f32.load (i32.add (local.get $p) (local.get $o))))
        (f32.store (i32.add (local.get $p) (local.get $o))
          (f32.sub (f32.sub (local.get $ps)
              (f32.div (f32.mul (local.get $lrBc1) (local.get $ms))
                (f32.add (f32.sqrt (f32.mul (local.get $vs) (local.get $rBc2))) (local.get $eps))))
            (f32.mul (local.get $lrWd) (local.get $ps))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $tail))))
)
