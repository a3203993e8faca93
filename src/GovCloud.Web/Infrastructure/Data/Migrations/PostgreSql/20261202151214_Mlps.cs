using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Mlps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MlpsAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Assessor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Result = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Score = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    Problems = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MlpsAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MlpsAssessments_InfoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InfoSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MlpsRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    GradedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FilingNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FiledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PersonalInformation = table.Column<bool>(type: "boolean", nullable: false),
                    CommercialSecrets = table.Column<bool>(type: "boolean", nullable: false),
                    ImportantData = table.Column<bool>(type: "boolean", nullable: false),
                    DataStorage = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DataStaysInCountry = table.Column<bool>(type: "boolean", nullable: false),
                    ResponsiblePerson = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ExceptionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ExceptionBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ExceptionAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MlpsRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MlpsRecords_InfoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InfoSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MlpsAssessments_SystemId_AssessedOn_Assessor",
                table: "MlpsAssessments",
                columns: new[] { "SystemId", "AssessedOn", "Assessor" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MlpsRecords_SystemId",
                table: "MlpsRecords",
                column: "SystemId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MlpsAssessments");

            migrationBuilder.DropTable(
                name: "MlpsRecords");
        }
    }
}
