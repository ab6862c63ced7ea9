/**
 * Visit photos: accepted types, size bound and a magic-byte check, so a file is stored only if its
 * content is the image type it claims (an HTML or script renamed .jpg is refused).
 */
import { DomainError, ErrorKind, invalid } from '@yiyang/core';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS_PER_VISIT = 6;

export function isPhotoType(t: string): t is PhotoType {
  return (PHOTO_TYPES as readonly string[]).includes(t);
}

/** The image type the bytes actually are, or null. */
export function sniffImage(b: Uint8Array): PhotoType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'image/png';
  if (b.length >= 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}

/** Read an upload stream up to the limit (413 beyond it, without buffering the rest). */
export async function readBounded(stream: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += b.length;
    if (size > limit) {
      throw new DomainError(ErrorKind.payloadTooLarge, 'ATTACHMENT_TOO_LARGE', `照片不能超过${Math.round(limit / 1048576)}MB`);
    }
    parts.push(b);
  }
  return Buffer.concat(parts);
}

export function checkPhoto(declared: string, data: Uint8Array): PhotoType {
  if (!isPhotoType(declared)) {
    throw new DomainError(ErrorKind.unsupportedMediaType, 'ATTACHMENT_TYPE', '只能上传JPEG、PNG或WebP格式的照片');
  }
  if (data.length === 0) throw invalid('ATTACHMENT_EMPTY', '上传的照片为空');
  const actual = sniffImage(data);
  if (actual !== declared) throw invalid('ATTACHMENT_CONTENT_MISMATCH', '文件内容与声明的图片格式不符');
  return actual;
}
