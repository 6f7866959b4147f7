import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems, AUTHENTICATED_PROBLEMS, VENDOR_PROBLEMS } from '../common/api-problems.decorator';
import { Idempotent } from '../common/idempotency.interceptor';
import { ObjectLocator } from '../common/object-locator.service';
import { ViewQueryDto } from '../lists/list-query.dto';
import { OperationResponseDto } from '../operations/operations.dto';
import { OperationsService, toOperationResponse } from '../operations/operations.service';
import {
  PolicyCreateDto,
  PolicyDeleteQueryDto,
  PolicyListQueryDto,
  PolicyListResponseDto,
  PolicyResponseDto,
  PolicyUpdateDto,
  PolicyValidationResponseDto,
} from './policies.dto';
import { PoliciesService } from './policies.service';

@ApiTags('policies')
@ApiBearerAuth()
@Controller('v1/policies')
@ApiProblems(...AUTHENTICATED_PROBLEMS)
export class PoliciesController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly operations: OperationsService,
    private readonly locator: ObjectLocator,
  ) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'List backup policies across every connection' })
  @ApiOkResponse({ type: PolicyListResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  list(@Query() query: PolicyListQueryDto): Promise<PolicyListResponseDto> {
    return this.policies.list(query);
  }

  @Post()
  @RequireRole('operator')
  @Idempotent()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat the request safely: the same key and body within 24 h return the first answer.' })
  @ApiOperation({
    summary: 'Create a policy on a connection',
    description: 'Schedules may be structured, `rrule` or `cron`. What the vendor can express only approximately is named in `warnings`; what it cannot express is refused before anything is sent.',
  })
  @ApiCreatedResponse({ type: PolicyResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  create(@Body() body: PolicyCreateDto, @CurrentPrincipal() principal: Principal): Promise<PolicyResponseDto> {
    return this.policies.create(body, principal);
  }

  @Post('validate')
  @RequireRole('operator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dry run of a create: the translation the plugin would send, and its warnings; sends nothing' })
  @ApiOkResponse({ type: PolicyValidationResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  validate(@Body() body: PolicyCreateDto): Promise<PolicyValidationResponseDto> {
    return this.policies.validate(body);
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Get a policy' })
  @ApiOkResponse({ type: PolicyResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  get(@Param('id') id: string, @Query() query: ViewQueryDto): Promise<PolicyResponseDto> {
    return this.policies.get(id, query.view);
  }

  @Patch(':id')
  @RequireRole('operator')
  @ApiOperation({ summary: 'Change a policy (the fields given replace the current ones)' })
  @ApiOkResponse({ type: PolicyResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  update(@Param('id') id: string, @Body() body: PolicyUpdateDto, @CurrentPrincipal() principal: Principal): Promise<PolicyResponseDto> {
    return this.policies.update(id, body, principal);
  }

  @Delete(':id')
  @RequireRole('operator')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a policy',
    description: 'Where the vendor deletes the policy’s recovery points with it, the request must carry `?confirm=delete-recovery-points`; without it the answer is 409.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(...VENDOR_PROBLEMS)
  remove(@Param('id') id: string, @Query() query: PolicyDeleteQueryDto, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.policies.remove(id, query, principal);
  }

  @Post(':id/run')
  @RequireRole('operator')
  @Idempotent()
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a policy now (every resource it covers)', description: 'Answers 202 with an Operation.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat the request safely: the same key and body within 24 h return the first answer.' })
  @ApiAcceptedResponse({ type: OperationResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  async run(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<OperationResponseDto> {
    const { connection, nativeId } = await this.locator.locate(id, 'policy');
    const operation = await this.operations.start(
      {
        type: 'backup',
        connection,
        capability: 'policies.run',
        resourceKey: `${connection.id}:policy:${nativeId}`,
        request: { policy: id },
        start: (s) => s.runPolicy!({ policyNativeId: nativeId }),
      },
      principal,
    );
    return toOperationResponse(operation);
  }
}
