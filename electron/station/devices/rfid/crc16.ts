/**
 * The three CRC-16 variants library RFID needs. All use the CCITT polynomial x^16+x^12+x^5+1 and
 * preset 0xFFFF; they differ in bit order and final XOR, and mixing them up is the classic bug:
 * - ISO 28560-3 basic block: CRC-16/CCITT-FALSE (MSB first, no final XOR); "123456789" → 0x29B1;
 * - FEIG standard protocol: CRC-16/MCRF4XX (reflected, poly 0x8408, no final XOR); "123456789" → 0x6F91;
 * - 3M pad protocol: CRC-16/GENIBUS (MSB first, final XOR 0xFFFF).
 * Table-driven because the poller runs them on every frame.
 */

const MSB_TABLE = buildMsbTable();
const LSB_TABLE = buildLsbTable();

function buildMsbTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let crc = n << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[n] = crc;
  }
  return table;
}

function buildLsbTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let crc = n;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
    table[n] = crc;
  }
  return table;
}

/** CRC-16/CCITT-FALSE: ISO 28560-3. */
export function crc16CcittFalse(data: Uint8Array, start = 0, end = data.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ MSB_TABLE[((crc >>> 8) ^ data[i]!) & 0xff]!;
  return crc;
}

/** CRC-16/MCRF4XX: FEIG frames, sent low byte first. A whole valid frame (data + CRC) leaves 0. */
export function crc16Mcrf4xx(data: Uint8Array, start = 0, end = data.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ LSB_TABLE[(crc ^ data[i]!) & 0xff]!;
  return crc;
}

/** CRC-16/GENIBUS: 3M pad frames, sent high byte first, over everything after the 0xD6 start byte. */
export function crc16Genibus(data: Uint8Array, start = 0, end = data.length): number {
  return crc16CcittFalse(data, start, end) ^ 0xffff;
}
