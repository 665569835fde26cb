/**
 * heic-decode 2.1.0 ships no types; this is the part we use (its index.js and lib.js). `all`
 * parses the file and gives each top-level image's size before any pixel is decoded; `decode()`
 * then decodes that one image to 8-bit RGBA. `dispose()` frees the WebAssembly memory of all.
 */
declare module 'heic-decode' {
  function decode(input: { buffer: Uint8Array }): Promise<decode.DecodedImage>;
  namespace decode {
    interface DecodedImage {
      width: number;
      height: number;
      data: Uint8ClampedArray;
    }
    interface LazyImage {
      width: number;
      height: number;
      decode(): Promise<DecodedImage>;
    }
    type LazyImages = LazyImage[] & { dispose(): void };
    function all(input: { buffer: Uint8Array }): Promise<LazyImages>;
  }
  export = decode;
}
