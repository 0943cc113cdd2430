// A streaming ZIP writer: entries are deflated as their data arrives, with sizes and CRC in a data
// descriptor after each entry (general purpose bit 3), so nothing is held whole in memory. No
// ZIP64: an archive or an entry past 4 GiB is refused rather than written corrupt.
import { crc32, createDeflateRaw } from 'node:zlib';

const LIMIT = 0xffffffff;

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  dosTime: number;
  dosDate: number;
}

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: Written[] = [];

  constructor(private readonly out: (chunk: Uint8Array) => Promise<void> | void, private readonly now = new Date()) {}

  private async emit(b: Uint8Array): Promise<void> {
    this.offset += b.length;
    if (this.offset > LIMIT) throw new Error('archive larger than 4 GiB');
    await this.out(b);
  }

  /** Adds one file whose content comes from `chunks` (strings are UTF-8). */
  async add(fileName: string, chunks: AsyncIterable<string | Uint8Array>): Promise<void> {
    const name = Buffer.from(fileName, 'utf8');
    const { time, date } = dosDateTime(this.now);
    const offset = this.offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0808, 6); // bit 3: sizes in a data descriptor; bit 11: UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt16LE(name.length, 26);
    await this.emit(Buffer.concat([local, name]));

    let crc = 0;
    let size = 0;
    let compressed = 0;
    const deflate = createDeflateRaw();
    const pending: Buffer[] = [];
    deflate.on('data', (c: Buffer) => pending.push(c));
    const flush = async () => {
      while (pending.length) {
        const c = pending.shift()!;
        compressed += c.length;
        await this.emit(c);
      }
    };
    for await (const chunk of chunks) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      crc = crc32(b, crc);
      size += b.length;
      if (size > LIMIT) throw new Error(`${fileName} larger than 4 GiB`);
      await new Promise<void>((resolve, reject) => deflate.write(b, (e) => (e ? reject(e) : resolve())));
      await flush();
    }
    // 'end' (the readable side) comes after the last compressed chunk; 'finish' can come before it.
    const ended = new Promise<void>((resolve, reject) => {
      deflate.once('end', resolve);
      deflate.once('error', reject);
    });
    deflate.end();
    await ended;
    await flush();

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.emit(descriptor);
    this.entries.push({ name, crc: crc >>> 0, compressed, size, offset, dosTime: time, dosDate: date });
  }

  /** The central directory and its end record. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4); // made by
      h.writeUInt16LE(20, 6); // needed
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(e.dosTime, 12);
      h.writeUInt16LE(e.dosDate, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      await this.emit(Buffer.concat([h, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(end);
  }
}
