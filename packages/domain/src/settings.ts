import { z } from 'zod';

/** Dotted lower-case keys, e.g. `organization.name`. */
export const settingKeySchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'must be dotted lower-case words, e.g. "organization.name"');

export const SettingKey = {
  OrganizationName: 'organization.name',
  DemoDataSeededAt: 'demo.seeded_at',
} as const;

export type SettingKey = (typeof SettingKey)[keyof typeof SettingKey];
