import { unitDirectory } from '../../../shared/import/importDepartments';
import type { DocumentRead } from '../../../shared/import/taskBreakdown/blocks';
import { readBreakdown } from '../../../shared/import/taskBreakdown/breakdown';
import type { Breakdown } from '../../../shared/import/taskBreakdown/types';
import type { PlanStore } from '../store/planStore';

/** The proposed task breakdown of a document read, with units matched to the plan's unit list. */
export function proposeBreakdown(store: PlanStore, read: DocumentRead): Breakdown {
  const departments = store.listDepartments();
  const directory =
    departments.length > 0
      ? unitDirectory(
          departments.map((department) => ({
            name: department.name,
            aliases: [department.shortName, ...department.aliases].filter(Boolean),
          })),
        )
      : null;
  return readBreakdown(read.blocks, { directory });
}
