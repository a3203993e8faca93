using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Zones and catalogue items created at the same moment could share a number before the numbers were drawn in the
    /// writers' turn; they are numbered 1, 2, 3… again in their order, so the unique indexes that follow can be made.
    /// </summary>
    [DbContext(typeof(PostgreSqlGovCloudDbContext))]
    [Migration("20261201000000_NumberZonesOnce")]
    public partial class NumberZonesOnce : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"NetworkZones\" z SET \"No\" = t.rn FROM (SELECT \"Id\", ROW_NUMBER() OVER (ORDER BY \"No\", \"Name\") AS rn FROM \"NetworkZones\") t WHERE t.\"Id\" = z.\"Id\";");
            migrationBuilder.Sql("UPDATE \"CatalogItems\" c SET \"No\" = t.rn FROM (SELECT \"Code\", ROW_NUMBER() OVER (ORDER BY \"No\", \"Code\") AS rn FROM \"CatalogItems\") t WHERE t.\"Code\" = c.\"Code\";");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
