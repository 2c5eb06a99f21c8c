import { MediaRole } from './media-sniff';

export const MEDIA_SETTINGS = Symbol('MEDIA_SETTINGS');

const MIB = 1024 * 1024;

/** Largest accepted file per role, and the variable that changes it. */
export const MEDIA_LIMITS: Readonly<Record<MediaRole, { env: string; default: number }>> = {
  [MediaRole.VIDEO]: { env: 'MEDIA_VIDEO_MAX_BYTES', default: 1024 * MIB },
  [MediaRole.AUDIO]: { env: 'MEDIA_AUDIO_MAX_BYTES', default: 200 * MIB },
  [MediaRole.POSTER]: { env: 'MEDIA_IMAGE_MAX_BYTES', default: 20 * MIB },
  [MediaRole.PHOTO]: { env: 'MEDIA_IMAGE_MAX_BYTES', default: 20 * MIB },
  [MediaRole.CAPTIONS]: { env: 'MEDIA_CAPTIONS_MAX_BYTES', default: 1 * MIB },
};

export interface MediaSettings {
  readonly maxBytes: Readonly<Record<MediaRole, number>>;
  /** Max-age of published media answers (MEDIA_PUBLIC_MAX_AGE, seconds; default one hour). */
  readonly publicMaxAge: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new Error(`Configuration ${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function mediaSettingsFromEnv(env: NodeJS.ProcessEnv): MediaSettings {
  const maxBytes = Object.fromEntries(
    Object.values(MediaRole).map((role) => [
      role,
      positive(env, MEDIA_LIMITS[role].env, MEDIA_LIMITS[role].default),
    ]),
  ) as Record<MediaRole, number>;
  return Object.freeze({ maxBytes, publicMaxAge: positive(env, 'MEDIA_PUBLIC_MAX_AGE', 3600) });
}
