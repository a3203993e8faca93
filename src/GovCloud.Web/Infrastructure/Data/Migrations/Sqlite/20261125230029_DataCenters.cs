using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DataCenters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "DataCenterId",
                table: "InfoSystems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataCenters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AreaM2 = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false),
                    UsableRacks = table.Column<int>(type: "INTEGER", nullable: false),
                    RoomClass = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ExtranetConnected = table.Column<bool>(type: "INTEGER", nullable: false),
                    UsesExtranetInternetExit = table.Column<bool>(type: "INTEGER", nullable: false),
                    SupportsIpv6 = table.Column<bool>(type: "INTEGER", nullable: false),
                    FullTimeStaff = table.Column<int>(type: "INTEGER", nullable: false),
                    Service7x24 = table.Column<bool>(type: "INTEGER", nullable: false),
                    MlpsLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    LastAssessmentOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HasCloudPlatform = table.Column<bool>(type: "INTEGER", nullable: false),
                    CloudPlatformConforms = table.Column<bool>(type: "INTEGER", nullable: false),
                    HoldsSensitiveData = table.Column<bool>(type: "INTEGER", nullable: false),
                    Lessor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LeaseStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LeaseEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataCenters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataCenters_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Certifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DataCenterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Sensitive = table.Column<bool>(type: "INTEGER", nullable: false),
                    SelfCheck = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PreviousId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AreaM2 = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: true),
                    UsableRacks = table.Column<int>(type: "INTEGER", nullable: true),
                    RoomClass = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    FullTimeStaff = table.Column<int>(type: "INTEGER", nullable: true),
                    MlpsLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    CriteriaJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EvaluationOpinion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SurveyDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SurveyPeople = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EvaluatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EvaluatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionOpinion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RetentionEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MigrationDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TransitionEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OpenClockId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Certifications_DataCenters_DataCenterId",
                        column: x => x.DataCenterId,
                        principalTable: "DataCenters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Certifications_DeadlineClocks_OpenClockId",
                        column: x => x.OpenClockId,
                        principalTable: "DeadlineClocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "DataCenterViolations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DataCenterId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FollowUp = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Resolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataCenterViolations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataCenterViolations_DataCenters_DataCenterId",
                        column: x => x.DataCenterId,
                        principalTable: "DataCenters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DataCenterViolations_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InfoSystems_DataCenterId",
                table: "InfoSystems",
                column: "DataCenterId");

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_DataCenterId_State",
                table: "Certifications",
                columns: new[] { "DataCenterId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_Number",
                table: "Certifications",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certifications_OpenClockId",
                table: "Certifications",
                column: "OpenClockId");

            migrationBuilder.CreateIndex(
                name: "IX_DataCenters_OrganisationId_Name",
                table: "DataCenters",
                columns: new[] { "OrganisationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DataCenterViolations_DataCenterId",
                table: "DataCenterViolations",
                column: "DataCenterId");

            migrationBuilder.CreateIndex(
                name: "IX_DataCenterViolations_OrganisationId_Resolved",
                table: "DataCenterViolations",
                columns: new[] { "OrganisationId", "Resolved" });

            migrationBuilder.AddForeignKey(
                name: "FK_InfoSystems_DataCenters_DataCenterId",
                table: "InfoSystems",
                column: "DataCenterId",
                principalTable: "DataCenters",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_InfoSystems_DataCenters_DataCenterId",
                table: "InfoSystems");

            migrationBuilder.DropTable(
                name: "Certifications");

            migrationBuilder.DropTable(
                name: "DataCenterViolations");

            migrationBuilder.DropTable(
                name: "DataCenters");

            migrationBuilder.DropIndex(
                name: "IX_InfoSystems_DataCenterId",
                table: "InfoSystems");

            migrationBuilder.DropColumn(
                name: "DataCenterId",
                table: "InfoSystems");
        }
    }
}
