import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiKeyEntity } from '@backbridge/persistence';
import { ApiProblems, AUTHENTICATED_PROBLEMS } from '../common/api-problems.decorator';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal, RequireRole } from './auth.decorators';
import { ApiKeyCreateDto, ApiKeyCreatedDto, ApiKeyResponseDto } from './auth.dto';
import { ApiKeysService } from './api-keys.service';
import type { Principal } from './principal';
import { uuidPipe } from '../common/uuid.pipe';

function toResponse(entity: ApiKeyEntity): ApiKeyResponseDto {
  return {
    id: entity.id,
    name: entity.name,
    role: entity.role,
    keyPrefix: entity.keyPrefix,
    system: entity.systemName !== null,
    createdAt: entity.createdAt.toISOString(),
    lastUsedAt: entity.lastUsedAt?.toISOString() ?? null,
  };
}

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
@RequireRole('admin')
@ApiProblems(...AUTHENTICATED_PROBLEMS)
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key (shown once)' })
  @ApiCreatedResponse({ type: ApiKeyCreatedDto })
  async create(@Body() body: ApiKeyCreateDto, @CurrentPrincipal() principal: Principal): Promise<ApiKeyCreatedDto> {
    const { entity, key } = await this.keys.create(body.name, body.role);
    await this.audit.record(principal, 'api-key.create', entity.id, { name: entity.name, role: entity.role });
    return { ...toResponse(entity), key };
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyResponseDto] })
  async list(): Promise<ApiKeyResponseDto[]> {
    return (await this.keys.list()).map(toResponse);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an API key; its tokens stop working at once' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(404)
  async remove(@Param('id', uuidPipe('id')) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    const entity = await this.keys.remove(id);
    await this.audit.record(principal, 'api-key.delete', id, { name: entity.name });
  }
}
