import { Injectable } from '@nestjs/common';
import { Prisma } from '@modelgate/db';
import { PrismaService } from '../database/prisma.service.js';
import type { SearchTerms } from './domain/search-query.js';

/** A row found by global search with its rank: 0 exact, 1 prefix, 2 substring, 3 every word (`MATCH_BY_RANK`). */
type Ranked = { rank: number };

export type ModelVersionHitRow = Ranked & {
  id: string;
  familyName: string;
  versionName: string;
  huggingFaceRepo: string | null;
  providerName: string;
  retired: boolean;
};
export type ProviderHitRow = Ranked & {
  id: string;
  name: string;
  legalEntity: string | null;
  headquartersCountry: string;
  retired: boolean;
};
export type DeploymentHitRow = Ranked & {
  id: string;
  application: string;
  environment: string;
  teamName: string;
  familyName: string;
  versionName: string;
  retired: boolean;
};
export type ApprovalRequestHitRow = Ranked & {
  id: string;
  number: number;
  familyName: string;
  versionName: string;
  teamName: string | null;
};
export type PersonHitRow = Ranked & { id: string; displayName: string; email: string; disabled: boolean };

/** A way a row is found: "one of these names matches the ILIKE pattern"; `tier` 0 is the exact match. */
type Names = (pattern: string, tier: 0 | 1) => Prisma.Sql;

const anyOf =
  (...columns: Prisma.Sql[]): Names =>
  (pattern) =>
    Prisma.sql`(${Prisma.join(
      columns.map((column) => Prisma.sql`${column} ILIKE ${pattern}`),
      ' OR ',
    )})`;

/**
 * One statement finding, for each way a row is found (`ways`), up to `take` rows of each rank: names equal to the
 * query but for case (ILIKE without wildcards), names starting with it, names containing it, and names holding
 * every word of it. Each branch stops at `take` rows without sorting every match, so a query matching most of a
 * large table costs no more than a rare one (found through the trigram indexes, or through a small table joined
 * in). A row may come from several branches: `rankHits` keeps its best rank, and since each rank's branch
 * returns `take` rows whenever there are that many, the best `take` rows overall are among those returned.
 */
function ranked(select: Prisma.Sql, from: Prisma.Sql, ways: readonly Names[], terms: SearchTerms, take: number): Prisma.Sql {
  const branch = (rank: number, where: Prisma.Sql) =>
    Prisma.sql`(SELECT ${select}, ${Prisma.raw(String(rank))} AS rank FROM ${from} WHERE ${where} LIMIT ${take})`;
  const branches = ways.flatMap((names) => [
    branch(0, names(terms.exact, 0)),
    branch(1, names(terms.prefix, 1)),
    branch(2, names(terms.contains, 1)),
    ...(terms.words.length > 1
      ? [
          branch(
            3,
            Prisma.join(
              terms.words.map((word) => names(word, 1)),
              ' AND ',
            ),
          ),
        ]
      : []),
  ]);
  return Prisma.join(branches, ' UNION ALL ');
}

/**
 * Global search's reads, one statement per kind, each returning at most `take` rows per rank and way of finding.
 * Names are compared case-insensitively with ILIKE (the query escaped); the large tables' searched names have
 * trigram (pg_trgm) GIN indexes, which serve equal, prefix and substring patterns alike; small tables (providers,
 * teams, people) are scanned.
 */
@Injectable()
export class SearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  findModelVersions(terms: SearchTerms, take: number): Promise<ModelVersionHitRow[]> {
    // The stable key is the name scans and imports use for a version (`qwen2.5-7b-instruct`): the inventory's alias.
    const names = anyOf(
      Prisma.sql`mv.version_name`,
      Prisma.sql`mv.family_name`,
      Prisma.sql`mv.key`,
      Prisma.sql`mv.hugging_face_repo`,
    );
    return this.prisma.$queryRaw<ModelVersionHitRow[]>(
      ranked(
        Prisma.sql`mv.id, mv.family_name AS "familyName", mv.version_name AS "versionName",
          mv.hugging_face_repo AS "huggingFaceRepo", p.name AS "providerName", mv.retired_at IS NOT NULL AS retired`,
        Prisma.sql`model_version mv JOIN provider p ON p.id = mv.provider_id`,
        [names],
        terms,
        take,
      ),
    );
  }

  findProviders(terms: SearchTerms, take: number): Promise<ProviderHitRow[]> {
    const names = anyOf(Prisma.sql`p.name`, Prisma.sql`p.key`, Prisma.sql`p.legal_entity`);
    return this.prisma.$queryRaw<ProviderHitRow[]>(
      ranked(
        Prisma.sql`p.id, p.name, p.legal_entity AS "legalEntity", p.headquarters_country AS "headquartersCountry",
          p.retired_at IS NOT NULL AS retired`,
        Prisma.sql`provider p`,
        [names],
        terms,
        take,
      ),
    );
  }

  findDeployments(terms: SearchTerms, take: number): Promise<DeploymentHitRow[]> {
    // By application (its trigram index), or by team (few: found first, then their deployments by the team index).
    const ways = [anyOf(Prisma.sql`d.application`), anyOf(Prisma.sql`t.name`, Prisma.sql`t.slug`)];
    return this.prisma.$queryRaw<DeploymentHitRow[]>(
      ranked(
        Prisma.sql`d.id, d.application, d.environment::text AS environment, t.name AS "teamName",
          mv.family_name AS "familyName", mv.version_name AS "versionName",
          d.status <> 'ACTIVE' AS retired`,
        Prisma.sql`deployment d JOIN team t ON t.id = d.team_id JOIN model_version mv ON mv.id = d.model_version_id`,
        ways,
        terms,
        take,
      ),
    );
  }

  findApprovalRequests(terms: SearchTerms, take: number): Promise<ApprovalRequestHitRow[]> {
    // A request is found by its reference (AR-12, or its number alone), and by the model version and team it is for.
    const { requestNumber } = terms;
    const ways: Names[] = [
      anyOf(Prisma.sql`('AR-' || r.number::text)`),
      anyOf(Prisma.sql`mv.version_name`, Prisma.sql`mv.family_name`, Prisma.sql`mv.key`),
      anyOf(Prisma.sql`t.name`, Prisma.sql`t.slug`),
    ];
    if (requestNumber !== null) {
      ways.push((_pattern, tier) =>
        tier === 0 ? Prisma.sql`r.number = ${requestNumber}` : Prisma.sql`r.number::text LIKE ${`${requestNumber}%`}`,
      );
    }
    return this.prisma.$queryRaw<ApprovalRequestHitRow[]>(
      ranked(
        Prisma.sql`r.id, r.number, mv.family_name AS "familyName", mv.version_name AS "versionName", t.name AS "teamName"`,
        Prisma.sql`approval_request r JOIN model_version mv ON mv.id = r.model_version_id LEFT JOIN team t ON t.id = r.team_id`,
        ways,
        terms,
        take,
      ),
    );
  }

  findPeople(terms: SearchTerms, take: number): Promise<PersonHitRow[]> {
    const names = anyOf(Prisma.sql`u.display_name`, Prisma.sql`u.email`);
    return this.prisma.$queryRaw<PersonHitRow[]>(
      ranked(
        Prisma.sql`u.id, u.display_name AS "displayName", u.email, u.disabled_at IS NOT NULL AS disabled`,
        Prisma.sql`app_user u`,
        [names],
        terms,
        take,
      ),
    );
  }
}
