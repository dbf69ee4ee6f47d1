/**
 * What the front end posts to the verify endpoint, validated. Each payload carries its `platform` tag; an untagged
 * one (from front ends older than the tag) is read by its shape. The shapes are the contract's (contract/); each
 * platform reads its own fields (server/<platform>/platform.ts).
 */
import { PLATFORMS, type PlatformName, type VerifyPayload } from '../contract';
import { HttpError } from './http/errors';
import { isRecord } from './http/io';

export type { VerifyPayload };

/** A payload's platforms, as the registry knows them: the fields of each one's untagged payloads. */
export interface PayloadReader {
  readonly name: PlatformName;
  readonly credentialFields: readonly string[];
  readPayload(body: Record<string, unknown>): VerifyPayload;
}

/** One credential field: a non-empty string of at most `max` characters, or a 400 naming it. */
export function credentialField(body: Record<string, unknown>, name: string, max: number): string {
  const value = body[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new HttpError(400, `invalid_${name}`, `${name} must be a non-empty string of at most ${max} characters.`);
  }
  return value;
}

const isPlatformName = (value: unknown): value is PlatformName => (PLATFORMS as readonly unknown[]).includes(value);

/** The payload of a verify request, or an {@link HttpError} (400) naming what is wrong. */
export function parseVerifyPayload(body: unknown, readers: readonly PayloadReader[]): VerifyPayload {
  if (!isRecord(body)) throw new HttpError(400, 'invalid_payload', 'The body must be a JSON object.');
  const names = readers.map((reader) => reader.name).join(', ');
  const carrying = readers.filter((reader) => reader.credentialFields.some((field) => body[field] !== undefined));
  // One credential per post, whatever the tag says: a body that carries two could be read two ways.
  if (carrying.length > 1) {
    throw new HttpError(400, 'ambiguous_payload', `Send one credential, of one platform (${carrying.map((r) => r.name).join(' or ')}).`);
  }
  if (body.platform !== undefined) {
    const reader = readers.find((candidate) => candidate.name === body.platform);
    if (!isPlatformName(body.platform) || !reader) {
      throw new HttpError(400, 'invalid_platform', `platform must be one of: ${names}.`);
    }
    return reader.readPayload(body);
  }
  const [reader] = carrying;
  if (!reader) {
    const fields = readers.map((r) => `${r.credentialFields.join(' / ')} (${r.name})`).join(', ');
    throw new HttpError(400, 'missing_credential', `Send the platform's credential: ${fields}.`);
  }
  return reader.readPayload(body);
}
