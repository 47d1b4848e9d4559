// A small graph builder: named nodes with unique outputs, constants as initializers, graph inputs/outputs, then a
// ModelProto encoded by protobufjs.
import {
  attribute,
  DataType,
  floatTensor,
  int64Tensor,
  onnx,
  valueInfo,
  type AttrValue,
  type Dim,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from './proto.ts';

export const OPSET = 17;

export class GraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly constCache = new Map<string, string>();
  private counter = 0;

  /** Adds a node; returns its output names (`outputs` of them), named `<prefix>/<opType>_<n>`. */
  opN(
    opType: string,
    inputs: readonly string[],
    outputs: number,
    attrs: Record<string, AttrValue> = {},
    prefix = '',
  ): string[] {
    const id = this.counter++;
    const base = `${prefix ? prefix + '/' : ''}${opType}_${id}`;
    const outs = Array.from({ length: outputs }, (_, i) => `${base}_out${i}`);
    this.nodes.push({
      name: base,
      opType,
      input: [...inputs],
      output: outs,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outs;
  }

  op(opType: string, inputs: readonly string[], attrs: Record<string, AttrValue> = {}, prefix = ''): string {
    return this.opN(opType, inputs, 1, attrs, prefix)[0];
  }

  /** A node whose single output gets a fixed name (graph outputs). */
  opNamed(opType: string, inputs: readonly string[], output: string, attrs: Record<string, AttrValue> = {}): string {
    this.nodes.push({
      name: `${opType}_${this.counter++}_${output}`,
      opType,
      input: [...inputs],
      output: [output],
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return output;
  }

  /** int64 constant (deduplicated by value), e.g. shapes, axes, slice bounds. */
  ints(values: readonly number[], scalar = false): string {
    const key = `i${scalar ? 's' : ''}:${values.join(',')}`;
    let name = this.constCache.get(key);
    if (!name) {
      name = `const/int64_${this.constCache.size}`;
      this.initializers.push(int64Tensor(name, scalar ? [] : [values.length], values));
      this.constCache.set(key, name);
    }
    return name;
  }

  /** float32 scalar constant (deduplicated). */
  scalar(value: number): string {
    const key = `f:${value}`;
    let name = this.constCache.get(key);
    if (!name) {
      name = `const/float_${this.constCache.size}`;
      this.initializers.push(floatTensor(name, [], Float32Array.of(value)));
      this.constCache.set(key, name);
    }
    return name;
  }

  initializer(name: string, dims: readonly number[], data: Float32Array): string {
    this.initializers.push(floatTensor(name, dims, data));
    return name;
  }

  input(name: string, elemType: number, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  output(name: string, elemType: number, dims: readonly Dim[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  encode(graphName: string): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'atomgym',
      opsetImport: [{ domain: '', version: OPSET }],
      graph: {
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

export { DataType };
