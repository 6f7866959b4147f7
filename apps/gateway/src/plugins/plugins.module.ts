import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProviderSettingEntity } from '@backbridge/persistence';
import { SDK_CONTRACT_VERSION, type BackupProviderPlugin } from '@backbridge/plugin-sdk';
import { PluginRegistry } from './plugin-registry.service';
import { LOADED_PLUGINS } from './plugins.tokens';

export interface PluginsModuleOptions {
  plugins: BackupProviderPlugin[];
}

/** Registers the plugins chosen by PLUGINS (or given by a test) behind the PluginRegistry. */
@Global()
@Module({})
export class PluginsModule {
  static forRoot(options: PluginsModuleOptions): DynamicModule {
    for (const plugin of options.plugins) {
      if (plugin.sdkVersion !== SDK_CONTRACT_VERSION) {
        throw new Error(`Plugin '${plugin.id}' implements SDK contract ${plugin.sdkVersion}; this gateway speaks ${SDK_CONTRACT_VERSION}.`);
      }
    }
    return {
      module: PluginsModule,
      imports: [TypeOrmModule.forFeature([ProviderSettingEntity])],
      providers: [{ provide: LOADED_PLUGINS, useValue: options.plugins }, PluginRegistry],
      exports: [PluginRegistry],
    };
  }
}
