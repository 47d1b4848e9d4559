// Shape checks shared by the float64 reference ops: a wrong length names the op and the tensor.

export type Numeric = ArrayLike<number>;

export function expectLength(op: string, tensor: string, a: Numeric, n: number): void {
  if (a.length !== n) throw new RangeError(`${op}: ${tensor} has ${a.length} elements, expected ${n}`);
}

export function expectPositiveInts(op: string, dims: Record<string, number>): void {
  for (const [name, v] of Object.entries(dims)) {
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${op}: ${name} must be a positive integer, got ${v}`);
  }
}
