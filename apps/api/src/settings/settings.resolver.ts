import { Args, Query, Resolver } from '@nestjs/graphql';
import { settingKeySchema } from '@modelgate/domain/settings';
import { Allow } from '../common/auth/authorization.decorators.js';
import { ZodValidationPipe } from '../common/graphql/zod-validation.pipe.js';
import { AppSetting } from './models/app-setting.model.js';
import { SettingsService } from './settings.service.js';

@Resolver(() => AppSetting)
export class SettingsResolver {
  constructor(private readonly settingsService: SettingsService) {}

  @Allow('read', 'Setting')
  @Query(() => AppSetting, { description: 'One setting by key, e.g. "organization.name".' })
  setting(@Args('key', new ZodValidationPipe(settingKeySchema, 'key')) key: string): Promise<AppSetting> {
    return this.settingsService.getByKey(key);
  }

  @Allow('read', 'Setting')
  @Query(() => [AppSetting], { description: 'Every instance-wide setting, by key.' })
  settings(): Promise<AppSetting[]> {
    return this.settingsService.list();
  }
}
