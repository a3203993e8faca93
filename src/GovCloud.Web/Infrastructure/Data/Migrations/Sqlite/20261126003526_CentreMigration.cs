using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CentreMigration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EvidenceName",
                table: "DataCenterViolations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EvidencePath",
                table: "DataCenterViolations",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EvidenceSha256",
                table: "DataCenterViolations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Certifying",
                table: "DataCenters",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DecidedOn",
                table: "DataCenters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Decision",
                table: "DataCenters",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "MigrateBy",
                table: "DataCenters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OfficeRoomRemains",
                table: "DataCenters",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RetentionEndsOn",
                table: "DataCenters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationNote",
                table: "DataCenters",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RevocationZoneId",
                table: "DataCenters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevokedBy",
                table: "DataCenters",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RevokedOn",
                table: "DataCenters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TechnicalReview",
                table: "Certifications",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CertificationEvidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CertificationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Criterion = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StoredPath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificationEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificationEvidence_Certifications_CertificationId",
                        column: x => x.CertificationId,
                        principalTable: "Certifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DataCenterEquipment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DataCenterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RowNo = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Vcpu = table.Column<int>(type: "INTEGER", nullable: false),
                    MemoryGb = table.Column<int>(type: "INTEGER", nullable: false),
                    StorageGb = table.Column<int>(type: "INTEGER", nullable: false),
                    BandwidthMbps = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataCenterEquipment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataCenterEquipment_DataCenters_DataCenterId",
                        column: x => x.DataCenterId,
                        principalTable: "DataCenters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MigrationPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DataCenterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewOpinion = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OpenClockId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MigrationPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MigrationPlans_DataCenters_DataCenterId",
                        column: x => x.DataCenterId,
                        principalTable: "DataCenters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MigrationPlans_DeadlineClocks_OpenClockId",
                        column: x => x.OpenClockId,
                        principalTable: "DeadlineClocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "MigrationPlanItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RowNo = table.Column<int>(type: "INTEGER", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Disposition = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Milestones = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    HandlingMethod = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    HandledOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CertificateName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CertificatePath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CertificateSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MigrationPlanItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MigrationPlanItems_InfoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InfoSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MigrationPlanItems_MigrationPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "MigrationPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_DedupKey",
                table: "Notifications",
                column: "DedupKey");

            migrationBuilder.CreateIndex(
                name: "IX_DataCenters_MigrateBy",
                table: "DataCenters",
                column: "MigrateBy");

            migrationBuilder.CreateIndex(
                name: "IX_CertificationEvidence_CertificationId",
                table: "CertificationEvidence",
                column: "CertificationId");

            migrationBuilder.CreateIndex(
                name: "IX_DataCenterEquipment_DataCenterId",
                table: "DataCenterEquipment",
                column: "DataCenterId");

            migrationBuilder.CreateIndex(
                name: "IX_MigrationPlanItems_PlanId",
                table: "MigrationPlanItems",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_MigrationPlanItems_SystemId",
                table: "MigrationPlanItems",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_MigrationPlans_DataCenterId_State",
                table: "MigrationPlans",
                columns: new[] { "DataCenterId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_MigrationPlans_Number",
                table: "MigrationPlans",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MigrationPlans_OpenClockId",
                table: "MigrationPlans",
                column: "OpenClockId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificationEvidence");

            migrationBuilder.DropTable(
                name: "DataCenterEquipment");

            migrationBuilder.DropTable(
                name: "MigrationPlanItems");

            migrationBuilder.DropTable(
                name: "MigrationPlans");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_DedupKey",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_DataCenters_MigrateBy",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "EvidenceName",
                table: "DataCenterViolations");

            migrationBuilder.DropColumn(
                name: "EvidencePath",
                table: "DataCenterViolations");

            migrationBuilder.DropColumn(
                name: "EvidenceSha256",
                table: "DataCenterViolations");

            migrationBuilder.DropColumn(
                name: "Certifying",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "DecidedOn",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "Decision",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "MigrateBy",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "OfficeRoomRemains",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "RetentionEndsOn",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "RevocationNote",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "RevocationZoneId",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "RevokedBy",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "RevokedOn",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "TechnicalReview",
                table: "Certifications");
        }
    }
}
