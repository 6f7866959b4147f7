import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { BackupProviderPlugin } from '@backbridge/plugin-sdk';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems, AUTHENTICATED_PROBLEMS } from '../common/api-problems.decorator';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { ProviderResponseDto, ProviderUpdateDto } from './providers.dto';

function toResponse(plugin: BackupProviderPlugin, enabled: boolean): ProviderResponseDto {
  return {
    id: plugin.id,
    displayName: plugin.displayName,
    version: plugin.version,
    enabled,
    capabilities: plugin.capabilities,
    connectionSchema: plugin.connectionSchema,
  };
}

@ApiTags('providers')
@ApiBearerAuth()
@Controller('v1/providers')
@ApiProblems(...AUTHENTICATED_PROBLEMS)
export class ProvidersController {
  constructor(
    private readonly registry: PluginRegistry,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'List the loaded plugins with their capabilities and enablement' })
  @ApiOkResponse({ type: [ProviderResponseDto] })
  async list(): Promise<ProviderResponseDto[]> {
    const enablement = await this.registry.enablement();
    return this.registry.all().map((p) => toResponse(p, enablement.get(p.id) ?? true));
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Get one plugin' })
  @ApiParam({ name: 'id', example: 'huawei-cbr' })
  @ApiOkResponse({ type: ProviderResponseDto })
  @ApiProblems(404)
  async get(@Param('id') id: string): Promise<ProviderResponseDto> {
    const plugin = this.registry.get(id);
    return toResponse(plugin, await this.registry.isEnabled(id));
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Enable or disable a plugin (persisted; effective at once on every instance)' })
  @ApiParam({ name: 'id', example: 'huawei-cbr' })
  @ApiOkResponse({ type: ProviderResponseDto })
  @ApiProblems(404)
  async update(@Param('id') id: string, @Body() body: ProviderUpdateDto, @CurrentPrincipal() principal: Principal): Promise<ProviderResponseDto> {
    await this.registry.setEnabled(id, body.enabled);
    await this.audit.record(principal, body.enabled ? 'provider.enable' : 'provider.disable', id);
    return toResponse(this.registry.get(id), body.enabled);
  }
}
