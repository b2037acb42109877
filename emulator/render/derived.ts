// Describe* fields the emulator does not simulate but ECS always returns, derived from the seed so
// that they are stable across calls and restarts: vCPUs and memory from the instance type, a
// private IP, MAC, ENI, VPC and vSwitch from the ids, disk IOPS from category and size, English OS
// names. A seed item that carries any of these fields (pasted from the real API) wins.

/** The account that owns `self` images (ImageOwnerId). */
export const EMULATOR_ACCOUNT_ID = 1_234_567_890_123_456;

/** FNV-1a: a stable 32-bit number per string. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0").slice(-width);
const idTail = (id: string) => id.replace(/^[a-z]+-/, "");

/** vCPUs per size suffix; `Nxlarge` is 4N. */
function vcpus(size: string): number {
  const n = /^(\d+)xlarge$/.exec(size);
  if (n) return 4 * Number(n[1]);
  return { nano: 1, micro: 1, small: 1, medium: 2, large: 2, xlarge: 4 }[size] ?? 2;
}

/** GiB per vCPU by family letter (g general 1:4, c compute 1:2, r memory 1:8). */
function gibPerVcpu(family: string): number {
  const letter = /^(?:hf|se|sn\d?ne)?([a-z])/.exec(family)?.[1];
  return letter === "c" ? 2 : letter === "r" ? 8 : 4;
}

export interface InstanceTypeShape {
  family: string;
  cpu: number;
  /** MiB, as DescribeInstances reports Memory. */
  memory: number;
}

/** `ecs.g7.large` → family `ecs.g7`, 2 vCPUs, 8192 MiB. */
export function instanceTypeShape(instanceType: string): InstanceTypeShape {
  const parts = instanceType.split(".");
  const familyName = parts.length >= 3 ? parts[1] : "g7";
  const cpu = vcpus(parts[parts.length - 1] ?? "large");
  return { family: `ecs.${familyName}`, cpu, memory: cpu * gibPerVcpu(familyName) * 1024 };
}

export function privateIp(instanceId: string): string {
  const h = stableHash(instanceId);
  return `172.${16 + (h % 16)}.${(h >>> 4) & 255}.${2 + ((h >>> 12) % 250)}`;
}

/** Alibaba's OUI 00:16:3e. */
export function macAddress(instanceId: string): string {
  const h = stableHash(`mac:${instanceId}`);
  return `00:16:3e:${hex(h >>> 16, 2)}:${hex(h >>> 8, 2)}:${hex(h, 2)}`;
}

export const vpcId = (regionId: string) => `vpc-emu${hex(stableHash(regionId), 8)}`;
export const vSwitchId = (zoneId: string) => `vsw-emu${hex(stableHash(zoneId), 8)}`;
export const securityGroupId = (regionId: string) => `sg-emu${hex(stableHash(`sg:${regionId}`), 8)}`;
export const networkInterfaceId = (instanceId: string) => `eni-${idTail(instanceId)}`;

/** ECS's default host name: `iZ<id>Z` (Windows: at most 15 characters). */
export function hostName(instanceId: string, osType: string): string {
  const tail = idTail(instanceId).replace(/[^A-Za-z0-9-]/g, "");
  return osType === "windows" ? `iZ${tail.slice(0, 12)}Z` : `iZ${tail}Z`;
}

/** A UUID-shaped serial number, stable per id. */
export function serialNumber(id: string): string {
  const a = stableHash(`sn1:${id}`);
  const b = stableHash(`sn2:${id}`);
  const c = stableHash(`sn3:${id}`);
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-${hex(8 + (c % 4), 1)}${hex(c >>> 8, 3)}-${hex(stableHash(`sn4:${id}`), 8)}${hex(c, 4)}`;
}

/** The English OS name ECS pairs with a Chinese one: "Ubuntu 22.04 64位" → "Ubuntu 22.04 64 bit". */
export function osNameEn(osName: string): string {
  return osName
    .replace(/(\d+)\s*位/g, "$1 bit")
    .replace(/[\u3000-\u9fff\uff00-\uffef]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Baseline IOPS by category: min(1800 + k × GiB, cap), as ECS documents per category. */
export function diskIops(category: string, size: number): number {
  const rule: Record<string, [number, number]> = {
    cloud_essd: [50, 50_000],
    cloud_auto: [50, 100_000],
    cloud_essd_entry: [8, 6_000],
    cloud_ssd: [30, 25_000],
    cloud_efficiency: [8, 5_000],
  };
  if (category === "cloud") return 300;
  const r = rule[category];
  return r ? Math.min(1800 + r[0] * size, r[1]) : 0;
}

export function performanceLevel(category: string): string {
  return category === "cloud_essd" ? "PL1" : "";
}

export const snapshotLinkId = (diskId: string) => `sl-${idTail(diskId)}`;
export const snapshotSerial = (snapshotId: string) => `64472-${stableHash(snapshotId) % 1_000_000_000}`;
