import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { readUpload } from '../../src/directline/readUpload';

const BOUNDARY = 'b0undary';
const head = (length: number) =>
  `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${length}\r\n\r\n`;
const partial = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="r.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0 some of the bytes`,
  'latin1',
);

/** A bare HTTP server whose only handler is readUpload; each request's outcome is reported. */
async function uploadServer() {
  let report: (outcome: string) => void = () => {};
  const outcome = new Promise<string>((resolve) => {
    report = resolve;
  });
  const server: Server = createServer((req, res) => {
    readUpload(req).then(
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
