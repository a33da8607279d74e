import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@modelgate/domain/errors';
import type { AppSetting } from './models/app-setting.model.js';
import { SettingsRepository } from './settings.repository.js';

@Injectable()
export class SettingsService {
  constructor(private readonly settings: SettingsRepository) {}

  async getByKey(key: string): Promise<AppSetting> {
    const setting = await this.settings.findByKey(key);
    if (!setting) throw new NotFoundError('Setting', key);
    return setting;
  }

  list(): Promise<AppSetting[]> {
    return this.settings.findAll();
  }

  /** A setting stored as `{ "text": "..." }`, or null when absent. */
  async findText(key: string): Promise<string | null> {
    const setting = await this.settings.findByKey(key);
    const value = setting?.value as { text?: unknown } | null | undefined;
    return typeof value?.text === 'string' ? value.text : null;
  }
}
