import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { PrismaService } from '../database/prisma.service.js';
import { deploymentSelect, type DeploymentRow } from '../inventory/inventory.selects.js';

/** Per-request batching of the deployments behind a list of violations. */
@Injectable()
export class ViolationLoaders {
  private readonly perRequest = new WeakMap<object, { deployment: DataLoader<string, DeploymentRow | null> }>();

  constructor(private readonly prisma: PrismaService) {}

  for(context: object) {
    let set = this.perRequest.get(context);
    if (!set) {
      set = {
        deployment: new DataLoader(async (ids) => {
          const rows = await this.prisma.deployment.findMany({ where: { id: { in: [...ids] } }, select: deploymentSelect });
          const byId = new Map(rows.map((row) => [row.id, row]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
      };
      this.perRequest.set(context, set);
    }
    return set;
  }
}
