// word-extractor ships no type definitions; this is the part of its API Planbench uses.
declare module 'word-extractor' {
  interface ExtractedDocument {
    /** filterUnicode (default true) turns curly quotes and dashes into ASCII: Chinese text keeps them. */
    getBody(options?: { filterUnicode?: boolean }): string;
  }
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<ExtractedDocument>;
  }
}
