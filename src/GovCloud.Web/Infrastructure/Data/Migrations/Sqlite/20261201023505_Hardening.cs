using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SignInSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ClientIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Methods = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInSessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "UX_ResourceApplications_OpenPerSystem",
                table: "ResourceApplications",
                column: "SystemId",
                unique: true,
                filter: "\"State\" NOT IN ('Approved', 'Rejected')");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkZones_No",
                table: "NetworkZones",
                column: "No",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UX_MigrationPlans_LivePerCentre",
                table: "MigrationPlans",
                column: "DataCenterId",
                unique: true,
                filter: "\"State\" <> 'Returned'");

            migrationBuilder.CreateIndex(
                name: "UX_CloudVms_HostNameInUse",
                table: "CloudVms",
                column: "HostName",
                unique: true,
                filter: "\"State\" <> 'Reclaimed'");

            migrationBuilder.CreateIndex(
                name: "UX_ChangeRequests_OpenPerSystem",
                table: "ChangeRequests",
                column: "SystemId",
                unique: true,
                filter: "\"State\" NOT IN ('Rejected', 'Completed')");

            migrationBuilder.CreateIndex(
                name: "UX_Certifications_OpenPerCentre",
                table: "Certifications",
                column: "DataCenterId",
                unique: true,
                filter: "\"State\" NOT IN ('Certified', 'NotCertified')");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogItems_No",
                table: "CatalogItems",
                column: "No",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignInSessions_UserId",
                table: "SignInSessions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignInSessions");

            migrationBuilder.DropIndex(
                name: "UX_ResourceApplications_OpenPerSystem",
                table: "ResourceApplications");

            migrationBuilder.DropIndex(
                name: "IX_NetworkZones_No",
                table: "NetworkZones");

            migrationBuilder.DropIndex(
                name: "UX_MigrationPlans_LivePerCentre",
                table: "MigrationPlans");

            migrationBuilder.DropIndex(
                name: "UX_CloudVms_HostNameInUse",
                table: "CloudVms");

            migrationBuilder.DropIndex(
                name: "UX_ChangeRequests_OpenPerSystem",
                table: "ChangeRequests");

            migrationBuilder.DropIndex(
                name: "UX_Certifications_OpenPerCentre",
                table: "Certifications");

            migrationBuilder.DropIndex(
                name: "IX_CatalogItems_No",
                table: "CatalogItems");
        }
    }
}
