using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SystemOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EmergencyDrills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Scenario = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmergencyDrills", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EmergencyDrills_InfoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InfoSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SystemOperationsRecords",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LogLocation = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LogRetentionMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemOperationsRecords", x => x.SystemId);
                    table.ForeignKey(
                        name: "FK_SystemOperationsRecords_InfoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InfoSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OperationsDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DrillId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    StoredPath = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OperationsDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OperationsDocuments_EmergencyDrills_DrillId",
                        column: x => x.DrillId,
                        principalTable: "EmergencyDrills",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OperationsDocuments_InfoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InfoSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EmergencyDrills_SystemId_HeldOn",
                table: "EmergencyDrills",
                columns: new[] { "SystemId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_OperationsDocuments_DrillId",
                table: "OperationsDocuments",
                column: "DrillId");

            migrationBuilder.CreateIndex(
                name: "IX_OperationsDocuments_SystemId_Kind_IssuedOn",
                table: "OperationsDocuments",
                columns: new[] { "SystemId", "Kind", "IssuedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OperationsDocuments");

            migrationBuilder.DropTable(
                name: "SystemOperationsRecords");

            migrationBuilder.DropTable(
                name: "EmergencyDrills");
        }
    }
}
