import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { MAX_UPLOAD_REQUEST_BYTES, readUpload, type UploadSource } from '../../src/channels/directLine/readUpload';
import { MemoryBudget } from '../../src/server/memoryBudget';

const BOUNDARY = 'b0undary';
const head = (length: number) =>
  `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${length}\r\n\r\n`;
const partial = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="r.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0 some of the bytes`,
  'latin1',
);

/** A bare HTTP server whose only handler is readUpload; each request's outcome is reported. */
async function uploadServer(source?: UploadSource) {
  let report: (outcome: string) => void = () => {};
  const outcome = new Promise<string>((resolve) => {
    report = resolve;
  });
  const server: Server = createServer((req, res) => {
    readUpload(req, source).then(
      (upload) => {
        report(`ok ${upload.files.length}`);
        res.end();
      },
      (error) => {
        report(`${error.code}: ${error.message}`);
        res.statusCode = error.status;
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, outcome };
}

describe('readUpload settles however the body ends', () => {
  test('a client that goes away mid-body: the request is rejected, not left hanging', async () => {
    const { server, port, outcome } = await uploadServer();
    try {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      socket.write(head(partial.length + 10_000));
      socket.write(partial, () => socket.destroy());
      expect(await outcome).toMatch(/^BAD_REQUEST: .*ended before it was complete/);
    } finally {
      server.close();
    }
  });

  test('a body that ends inside the file part: rejected as malformed (busboy reports it on the file stream too)', async () => {
    const { server, port, outcome } = await uploadServer();
    try {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      socket.on('data', () => {});
      socket.write(head(partial.length));
      socket.write(partial);
      expect(await outcome).toMatch(/^BAD_REQUEST: .*Unexpected end of form/);
      socket.destroy();
    } finally {
      server.close();
    }
  });

  test('a whole form reads its files', async () => {
    const { server, port, outcome } = await uploadServer();
    try {
      const whole = Buffer.concat([partial, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      socket.on('data', () => {});
      socket.write(head(whole.length));
      socket.write(whole);
      expect(await outcome).toBe('ok 1');
      socket.destroy();
    } finally {
      server.close();
    }
  });
});

describe('what an upload may hold in memory', () => {
  const form = (files: number, bytesEach = 100) => {
    const parts = Array.from(
      { length: files },
      (_, i) =>
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="r${i}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n${'x'.repeat(bytesEach)}\r\n`,
    );
    return Buffer.from(`${parts.join('')}--${BOUNDARY}--\r\n`, 'latin1');
  };
  const send = async (source: UploadSource | undefined, body: Buffer, declared = body.length) => {
    const { server, port, outcome } = await uploadServer(source);
    try {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      socket.write(head(declared));
      socket.write(body);
      const result = await outcome;
      socket.destroy();
      return result;
    } finally {
      server.close();
    }
  };

  test('five files pass; a sixth is refused', async () => {
    expect(await send(undefined, form(5))).toBe('ok 5');
    expect(await send(undefined, form(6))).toMatch(/^TOO_LARGE: .*At most 5 files/);
  });

  test('a declared length past five full files is refused before anything is read', async () => {
    expect(await send(undefined, form(1), MAX_UPLOAD_REQUEST_BYTES + 1)).toMatch(/^TOO_LARGE/);
  });

  test('bytes in memory count against the budget and are given back when the upload settles', async () => {
    const budget = new MemoryBudget(1_000_000, 2_000);
    expect(await send({ budget, key: 'a' }, form(1, 500))).toBe('ok 1');
    expect(budget.inUse).toBe(0);
    expect(await send({ budget, key: 'a' }, form(3, 1_000))).toMatch(/^RATE_LIMITED/);
    expect(budget.inUse).toBe(0);
  });
});

describe('MemoryBudget', () => {
  test.each([
    // [total, per key, reservations as key:bytes, expected results]
    [100, 60, ['a:50', 'a:20', 'b:50', 'c:1'], [true, false, true, false]],
    [100, 100, ['a:100', 'b:1'], [true, false]],
    [100, 60, ['a:60', 'b:40', 'b:1'], [true, true, false]],
  ])('total %p, per address %p: %p → %p', (total, perKey, steps, expected) => {
    const budget = new MemoryBudget(total as number, perKey as number);
    const results = (steps as string[]).map((step) => {
      const [key, bytes] = step.split(':');
      return budget.reserve(key, Number(bytes));
    });
    expect(results).toEqual(expected);
  });

  test('edge case: releasing gives room back, and never below zero', () => {
    const budget = new MemoryBudget(100, 100);
    expect(budget.reserve('a', 100)).toBe(true);
    budget.release('a', 100);
    budget.release('a', 50);
    expect(budget.inUse).toBe(0);
    expect(budget.reserve('a', 100)).toBe(true);
  });
});
