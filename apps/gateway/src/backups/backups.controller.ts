import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseRetention, ValidationFailedError } from '@backbridge/core';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems, AUTHENTICATED_PROBLEMS, VENDOR_PROBLEMS } from '../common/api-problems.decorator';
import { Idempotent } from '../common/idempotency.interceptor';
import { ObjectLocator } from '../common/object-locator.service';
import { OperationResponseDto } from '../operations/operations.dto';
import { OperationsService, toOperationResponse } from '../operations/operations.service';
import { BackupCreateDto } from './backups.dto';

@ApiTags('backups')
@ApiBearerAuth()
@Controller('v1/backups')
@RequireRole('operator')
@ApiProblems(...AUTHENTICATED_PROBLEMS)
export class BackupsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly locator: ObjectLocator,
  ) {}

  @Post()
  @Idempotent()
  @HttpCode(202)
  @ApiOperation({ summary: 'Back up a resource now', description: 'Answers 202 with an Operation to follow at GET /v1/operations/{id}.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat the request safely: the same key and body within 24 h return the first answer.' })
  @ApiAcceptedResponse({ type: OperationResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  async create(@Body() body: BackupCreateDto, @CurrentPrincipal() principal: Principal): Promise<OperationResponseDto> {
    const resource = await this.locator.locate(body.resource, 'resource', 'resource');
    const policy = body.policy ? await this.locator.locate(body.policy, 'policy', 'policy') : undefined;
    if (policy && policy.connection.id !== resource.connection.id) {
      throw ValidationFailedError.field('policy', 'belongs to another connection than the resource');
    }
    const retention = body.retention ? parseRetention(body.retention, 'retention') : undefined;
    const operation = await this.operations.start(
      {
        type: 'backup',
        connection: resource.connection,
        capability: 'backups.onDemand',
        resourceKey: `${resource.connection.id}:${resource.nativeId}`,
        request: { ...body },
        start: (s) => s.startBackup!({ resourceNativeId: resource.nativeId, policyNativeId: policy?.nativeId, retention }),
      },
      principal,
    );
    return toOperationResponse(operation);
  }
}
