/** kfp's float forms of CPU and memory quantities (the deprecated `cpuLimit`/`memoryLimit` fields). */

export const CPU_PATTERN = /^([0-9]*[.])?[0-9]+m?$/;
export const MEMORY_PATTERN = /^[0-9]+(E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki){0,1}$/;

export function cpuToFloat(cpu: string): number {
  return cpu.endsWith('m') ? parseFloat(cpu.slice(0, -1)) / 1000 : parseFloat(cpu);
}

const G = 10 ** 9;
const UNITS: Array<[string, number]> = [
  ['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10],
  ['E', 10 ** 18], ['P', 10 ** 15], ['T', 10 ** 12], ['G', G], ['M', 10 ** 6], ['K', 10 ** 3],
];

/** Memory in decimal gigabytes, computed as kfp does. */
export function memoryToFloat(memory: string): number {
  for (const [suffix, factor] of UNITS) {
    if (memory.endsWith(suffix)) {
      const n = parseFloat(memory.slice(0, -suffix.length));
      return suffix === 'G' ? n : (n * factor) / G;
    }
  }
  return parseFloat(memory) / G;
}
