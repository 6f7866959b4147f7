import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/auth.decorators';
import { ApiProblems, AUTHENTICATED_PROBLEMS, VENDOR_PROBLEMS } from '../common/api-problems.decorator';
import { ListQueryDto, ViewQueryDto } from '../lists/list-query.dto';
import { VaultListResponseDto, VaultResponseDto } from './vaults.dto';
import { VaultsService } from './vaults.service';

@ApiTags('vaults')
@ApiBearerAuth()
@Controller('v1/vaults')
@RequireRole('viewer')
@ApiProblems(...AUTHENTICATED_PROBLEMS)
export class VaultsController {
  constructor(private readonly vaults: VaultsService) {}

  @Get()
  @ApiOperation({ summary: 'List vaults (where recovery points live) across every connection' })
  @ApiOkResponse({ type: VaultListResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  list(@Query() query: ListQueryDto): Promise<VaultListResponseDto> {
    return this.vaults.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a vault' })
  @ApiOkResponse({ type: VaultResponseDto })
  @ApiProblems(...VENDOR_PROBLEMS)
  get(@Param('id') id: string, @Query() query: ViewQueryDto): Promise<VaultResponseDto> {
    return this.vaults.get(id, query.view);
  }
}
