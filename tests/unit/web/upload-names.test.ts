// Which names `POST /upload?name=` accepts: a relative path that stays inside its folder, plain text.
import { describe, expect, it } from 'vitest';
import { incomingNameProblem } from '../../../src-main/web/upload-receiver.js';

describe('incomingNameProblem', () => {
  it.each([
    ['report.pdf'],
    ['photos/2026/beach.jpg'],
    ['naïve café.txt'],
    ['.hidden'],
    ['a..b'],
  ])('accepts %j', (name) => {
    expect(incomingNameProblem(name)).toBeNull();
  });

  it.each([
    [null, 'names no file'],
    ['', 'names no file'],
    ['../etc/passwd', 'climbs out'],
    ['a/../../b', 'climbs out'],
    ['..\\windows', 'climbs out'],
    ['/etc/passwd', 'absolute'],
    ['C:/Windows/x', 'absolute'],
    ['\\\\server\\share', 'absolute'],
    ['a\0b', 'NUL'],
    ['line\nbreak', 'control'],
    ['bell\u0007', 'control'],
    ['del\u007f', 'control'],
    ['a//b', 'empty or "."'],
    ['./a', 'empty or "."'],
    ['x'.repeat(1025), 'longer than 1024'],
  ])('refuses %j', (name, reason) => {
    expect(incomingNameProblem(name)).toContain(reason);
  });
});
