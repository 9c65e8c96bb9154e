import { randomBytes } from 'node:crypto';
import net from 'node:net';

/**
 * A WebSocket client written by hand on a TCP socket, so tests can send what no well-behaved
 * library would: frames with invalid UTF-8, frames announcing more bytes than allowed, and resets.
 */
export interface RawSocket {
  socket: net.Socket;
  /** The HTTP status line and headers the server answered the upgrade with. */
  response: string;
  /** Resolves when the server closes the connection, with the close code it sent (if any). */
  closed: Promise<number | null>;
}

export function upgradeRequest(port: number, pathAndQuery: string, host = `127.0.0.1:${port}`): string {
  return [
    `GET ${pathAndQuery} HTTP/1.1`,
    `Host: ${host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}

/** Opens a raw WebSocket and resolves once the server's answer to the upgrade has arrived. */
export function openRaw(port: number, pathAndQuery: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let answered = false;
    let closeCode: number | null = null;
    const closed = new Promise<number | null>((done) => socket.once('close', () => done(closeCode)));
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (!answered && end >= 0) {
        answered = true;
        resolve({ socket, response: received.subarray(0, end).toString('latin1'), closed });
        received = received.subarray(end + 4);
      }
      // A server close frame: opcode 8, its first two payload bytes are the code.
      if (answered && received.length >= 4 && (received[0]! & 0x0f) === 8)
        closeCode = received.readUInt16BE(2);
    });
    socket.once('close', () => {
      if (!answered) reject(new Error('closed before answering the upgrade'));
    });
    socket.write(upgradeRequest(port, pathAndQuery));
  });
}

/** A masked client frame (opcode 1 = text) whose header announces `announced` bytes. */
export function frame(payload: Buffer, opcode = 1, announced = payload.length): Buffer {
  const mask = randomBytes(4);
  let header: Buffer;
  if (announced < 126) {
    header = Buffer.from([0x80 | opcode, 0x80 | announced]);
  } else if (announced < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(announced, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(announced), 2);
  }
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([header, mask, masked]);
}
