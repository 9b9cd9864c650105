// Value types settings share (ports, URLs), for the core settings and each system's own.
import { z } from 'zod';

export const port = z.coerce.number().int().min(0).max(65535);
export const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    )
    .optional();
