using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SizingProposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SizingProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    VmId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HostName = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FromVcpu = table.Column<int>(type: "INTEGER", nullable: false),
                    FromMemoryGb = table.Column<int>(type: "INTEGER", nullable: false),
                    ToVcpu = table.Column<int>(type: "INTEGER", nullable: false),
                    ToMemoryGb = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProposedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProposedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ChangeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SizingProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SizingProposals_ChangeRequests_ChangeId",
                        column: x => x.ChangeId,
                        principalTable: "ChangeRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SizingProposals_CloudVms_VmId",
                        column: x => x.VmId,
                        principalTable: "CloudVms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SizingProposals_InfoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InfoSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SizingProposals_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SizingProposals_ChangeId",
                table: "SizingProposals",
                column: "ChangeId");

            migrationBuilder.CreateIndex(
                name: "IX_SizingProposals_Number",
                table: "SizingProposals",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SizingProposals_OrganisationId_ProposedAt",
                table: "SizingProposals",
                columns: new[] { "OrganisationId", "ProposedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SizingProposals_SystemId",
                table: "SizingProposals",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "UX_SizingProposals_OpenPerVm",
                table: "SizingProposals",
                column: "VmId",
                unique: true,
                filter: "\"State\" = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SizingProposals");
        }
    }
}
