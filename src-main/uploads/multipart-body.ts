// The multipart body of one /api/v0/add, laid out before a byte is sent: each part's header text
// and the file behind it, so the exact Content-Length is known up front (as curl -F sends it) and
// no chunked framing is needed. Pure: file sizes come from the walk, nothing is read here.
import { addParts, type UploadSource } from './upload-source.js';

export type BodySegment = { kind: 'text'; text: string } | { kind: 'file'; absolute: string; size: number };

export interface MultipartBody {
  contentType: string;
  contentLength: number;
  segments: BodySegment[];
}

export function multipartBody(source: UploadSource, boundary: string): MultipartBody {
  const segments: BodySegment[] = [];
  let text = '';
  for (const part of addParts(source)) {
    const type = part.kind === 'directory' ? 'application/x-directory' : 'application/octet-stream';
    text += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(part.path)}"\r\nContent-Type: ${type}\r\n\r\n`;
    if (part.kind === 'file' && part.size > 0) {
      // Header texts between files are joined, so many small files make few writes.
      segments.push({ kind: 'text', text }, { kind: 'file', absolute: part.absolute, size: part.size });
      text = '';
    }
    text += '\r\n';
  }
  segments.push({ kind: 'text', text: `${text}--${boundary}--\r\n` });
  const contentLength = segments.reduce((sum, s) => sum + (s.kind === 'text' ? Buffer.byteLength(s.text) : s.size), 0);
  return { contentType: `multipart/form-data; boundary=${boundary}`, contentLength, segments };
}
