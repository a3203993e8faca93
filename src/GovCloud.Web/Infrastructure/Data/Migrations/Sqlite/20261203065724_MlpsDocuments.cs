using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MlpsDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_MlpsAssessments_InfoSystems_SystemId",
                table: "MlpsAssessments");

            migrationBuilder.DropForeignKey(
                name: "FK_MlpsRecords_InfoSystems_SystemId",
                table: "MlpsRecords");

            migrationBuilder.CreateTable(
                name: "MlpsDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StoredPath = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MlpsDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MlpsDocuments_MlpsAssessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "MlpsAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MlpsDocuments_AssessmentId",
                table: "MlpsDocuments",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_MlpsDocuments_SystemId",
                table: "MlpsDocuments",
                column: "SystemId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MlpsDocuments");

            migrationBuilder.AddForeignKey(
                name: "FK_MlpsAssessments_InfoSystems_SystemId",
                table: "MlpsAssessments",
                column: "SystemId",
                principalTable: "InfoSystems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_MlpsRecords_InfoSystems_SystemId",
                table: "MlpsRecords",
                column: "SystemId",
                principalTable: "InfoSystems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
