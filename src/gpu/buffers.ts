// Buffer helpers: create, upload, read back. Sizes are in bytes and rounded to WebGPU's 4-byte rule.

// Numeric values of GPUBufferUsage.{STORAGE|COPY_SRC|COPY_DST}: module-level code may run before a
// Node host has installed the WebGPU globals.
export const STORAGE = 0x80 | 0x04 | 0x08;

const align4 = (n: number) => Math.max(4, Math.ceil(n / 4) * 4);

export function createBuffer(device: GPUDevice, bytes: number, label: string, usage = STORAGE): GPUBuffer {
  return device.createBuffer({ size: align4(bytes), usage, label });
}

export function uploadBuffer(device: GPUDevice, data: ArrayBufferView, label: string, usage = STORAGE): GPUBuffer {
  const buffer = createBuffer(device, data.byteLength, label, usage | GPUBufferUsage.COPY_DST);
  writeBuffer(device, buffer, data);
  return buffer;
}

export function writeBuffer(device: GPUDevice, buffer: GPUBuffer, data: ArrayBufferView, offsetBytes = 0): void {
  if (offsetBytes + data.byteLength > buffer.size) {
    const what = `${data.byteLength} bytes at offset ${offsetBytes}`;
    throw new RangeError(`writeBuffer(${buffer.label}): ${what} overflow a ${buffer.size}-byte buffer`);
  }
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.byteLength % 4 === 0) {
    device.queue.writeBuffer(buffer, offsetBytes, bytes);
  } else {
    const padded = new Uint8Array(align4(bytes.byteLength));
    padded.set(bytes);
    device.queue.writeBuffer(buffer, offsetBytes, padded);
  }
}

/** Copies `bytes` of `buffer` into a fresh mappable buffer and returns them. */
export async function readBytes(
  device: GPUDevice,
  buffer: GPUBuffer,
  bytes = buffer.size,
  offsetBytes = 0,
): Promise<ArrayBuffer> {
  const size = align4(bytes);
  const staging = device.createBuffer({
    size,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    label: `${buffer.label}:readback`,
  });
  const encoder = device.createCommandEncoder({ label: `${buffer.label}:readback` });
  encoder.copyBufferToBuffer(buffer, offsetBytes, staging, 0, size);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const copy = staging.getMappedRange().slice(0, bytes);
  staging.unmap();
  staging.destroy();
  return copy;
}

export async function readFloat32(
  device: GPUDevice,
  buffer: GPUBuffer,
  count = buffer.size / 4,
): Promise<Float32Array> {
  return new Float32Array(await readBytes(device, buffer, count * 4));
}

export async function readUint32(device: GPUDevice, buffer: GPUBuffer, count = buffer.size / 4): Promise<Uint32Array> {
  return new Uint32Array(await readBytes(device, buffer, count * 4));
}

/** A small uniform buffer from 32-bit words (u32/i32/f32 mixed through a shared ArrayBuffer view). */
export function uniformBuffer(device: GPUDevice, words: ArrayBuffer, label: string): GPUBuffer {
  return uploadBuffer(device, new Uint8Array(words), label, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
}
