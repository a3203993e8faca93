using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Assessor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    Problems = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    GradedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FilingNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FiledOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PersonalInformation = table.Column<bool>(type: "INTEGER", nullable: false),
                    CommercialSecrets = table.Column<bool>(type: "INTEGER", nullable: false),
                    ImportantData = table.Column<bool>(type: "INTEGER", nullable: false),
                    DataStorage = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DataStaysInCountry = table.Column<bool>(type: "INTEGER", nullable: false),
                    ResponsiblePerson = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ExceptionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ExceptionBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ExceptionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
