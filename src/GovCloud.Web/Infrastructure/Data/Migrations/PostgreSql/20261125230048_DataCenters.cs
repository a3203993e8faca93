using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
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
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataCenters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AreaM2 = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    UsableRacks = table.Column<int>(type: "integer", nullable: false),
                    RoomClass = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ExtranetConnected = table.Column<bool>(type: "boolean", nullable: false),
                    UsesExtranetInternetExit = table.Column<bool>(type: "boolean", nullable: false),
                    SupportsIpv6 = table.Column<bool>(type: "boolean", nullable: false),
                    FullTimeStaff = table.Column<int>(type: "integer", nullable: false),
                    Service7x24 = table.Column<bool>(type: "boolean", nullable: false),
                    MlpsLevel = table.Column<int>(type: "integer", nullable: true),
                    LastAssessmentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HasCloudPlatform = table.Column<bool>(type: "boolean", nullable: false),
                    CloudPlatformConforms = table.Column<bool>(type: "boolean", nullable: false),
                    HoldsSensitiveData = table.Column<bool>(type: "boolean", nullable: false),
                    Lessor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseStart = table.Column<DateOnly>(type: "date", nullable: true),
                    LeaseEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DataCenterId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Sensitive = table.Column<bool>(type: "boolean", nullable: false),
                    SelfCheck = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PreviousId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AreaM2 = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: true),
                    UsableRacks = table.Column<int>(type: "integer", nullable: true),
                    RoomClass = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    FullTimeStaff = table.Column<int>(type: "integer", nullable: true),
                    MlpsLevel = table.Column<int>(type: "integer", nullable: true),
                    CriteriaJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EvaluationOpinion = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SurveyDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SurveyPeople = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EvaluatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EvaluatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionOpinion = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RetentionEndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    MigrationDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TransitionEndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OpenClockId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DataCenterId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    FollowUp = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Resolved = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
