import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@backbridge/core';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems, AUTHENTICATED_PROBLEMS, VENDOR_PROBLEMS } from '../common/api-problems.decorator';
import { Idempotent } from '../common/idempotency.interceptor';
import { schemaErrors } from '../common/json-schema';
import { ObjectLocator } from '../common/object-locator.service';
import { OperationResponseDto } from '../operations/operations.dto';
import { OperationsService, toOperationResponse } from '../operations/operations.service';
import { PluginRegistry } from '../plugins/plugin-registry.service';
import { genericRestoreOptions } from '../recovery-points/recovery-points.service';
import { RestoreCreateDto } from './restores.dto';

@ApiTags('restores')
@ApiBearerAuth()
@Controller('v1/restores')
@RequireRole('operator')
@ApiProblems(...AUTHENTICATED_PROBLEMS)
export class RestoresController {
  constructor(
    private readonly operations: OperationsService,
    private readonly locator: ObjectLocator,
    private readonly registry: PluginRegistry,
  ) {}

  @Post()
  @Idempotent()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Restore a recovery point',
    description: '`options` are checked against the plugin’s restore-options schema before the vendor is called. Answers 202 with an Operation.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat the request safely: the same key and body within 24 h return the first answer.' })
  @ApiAcceptedResponse({ type: OperationResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  async create(@Body() body: RestoreCreateDto, @CurrentPrincipal() principal: Principal): Promise<OperationResponseDto> {
    const { connection, nativeId } = await this.locator.locate(body.recoveryPoint, 'recoveryPoint', 'recoveryPoint');
    const capability = body.target.mode === 'original' ? 'restores.original' : 'restores.alternate';
    const plugin = this.registry.get(connection.provider);
    const target = { ...body.target };
    const options = { ...(body.options ?? {}) };
    // Checked against what GET /v1/recovery-points/{id}/restore-options publishes, before any work starts.
    const recoveryPoint = await this.registry.invoke(connection, capability, async (s) => {
      const schema = s.restoreOptions ? await s.restoreOptions({ nativeId }) : genericRestoreOptions(plugin.capabilities.restores);
      const errors = [...schemaErrors(schema.target, target, 'target'), ...schemaErrors(schema.options, options, 'options')];
      if (errors.length) {
        throw new ValidationFailedError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
      }
      return s.getRecoveryPoint?.({ nativeId });
    });
    const operation = await this.operations.start(
      {
        type: 'restore',
        connection,
        capability,
        resourceKey: recoveryPoint ? `${connection.id}:${recoveryPoint.resourceNativeId}` : undefined,
        request: { ...body, target },
        start: (s) => s.startRestore!({ recoveryPointNativeId: nativeId, target, options }),
      },
      principal,
    );
    return toOperationResponse(operation);
  }
}
